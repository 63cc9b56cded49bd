import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatWaited } from './format';

describe('dates are written as people in Paraguay write them', () => {
  it('shows an instant in Asunción time, three hours behind UTC', () => {
    expect(formatDateTime('2026-11-26T04:48:06Z')).toBe('26/11/2026 01:48');
  });
  it('keeps a plain day on its day whatever the time zone', () => {
    expect(formatDate('2026-03-15')).toBe('15/03/2026');
  });
  it('puts an instant just after midnight UTC on the previous day in Asunción', () => {
    expect(formatDate(new Date('2026-01-15T02:00:00Z'))).toBe('14/01/2026');
  });
});

describe('money and numbers follow es-PY, with English as the second language', () => {
  it('writes dollars with dots for thousands and a comma for cents', () => {
    expect(formatMoney('1234567.5')).toBe('USD 1.234.567,50');
  });
  it('writes dollars the English way when asked', () => {
    expect(formatMoney(1234.5, 'en')).toBe('USD 1,234.50');
  });
  it('writes a hundred thousand orders as 100.000', () => {
    expect(formatNumber(100000)).toBe('100.000');
  });
});

describe('waiting times are short and readable', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  it('counts days and hours', () => {
    expect(formatWaited('2026-11-23T08:00:00Z', now)).toBe('3 d 4 h');
  });
  it('counts hours under a day', () => {
    expect(formatWaited('2026-11-26T07:00:00Z', now)).toBe('5 h');
  });
  it('never shows a negative wait for a clock slightly ahead', () => {
    expect(formatWaited('2026-11-26T12:05:00Z', now)).toBe('0 min');
  });
});
