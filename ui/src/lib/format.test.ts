import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatSize, formatWaited, periodName, readAmount } from './format';

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
  it('formats the decimal strings of the core as text, whatever their size', () => {
    expect(formatMoney('123456789012345678.91')).toBe('USD 123.456.789.012.345.678,91');
    expect(formatMoney('-10.00')).toBe('USD -10,00');
    expect(formatMoney('0.005')).toBe('USD 0,01');
    expect(formatMoney('-0.004')).toBe('USD 0,00');
    expect(formatMoney('500', 'en')).toBe('USD 500.00');
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

describe('billing names periods and sizes as people say them', () => {
  it('names a period by the month it starts in', () => {
    expect(periodName('2026-11')).toBe('nov. 2026');
    expect(periodName('2026-09', 'en')).toBe('Sep 2026');
  });
  it('writes sizes in KB and MB, never bytes', () => {
    expect(formatSize(850_000)).toBe('850 KB');
    expect(formatSize(45_600_000)).toBe('45,6 MB');
  });
});

describe('amounts are read as people type them', () => {
  it('reads es-PY amounts with a decimal comma and thousands dots', () => {
    expect(readAmount('-1.234,50')).toBe('-1234.50');
    expect(readAmount('10,5')).toBe('10.5');
    expect(readAmount('1.234')).toBe('1234');
    expect(readAmount('25.50')).toBe('25.50');
  });
  it('reads English amounts with thousands commas', () => {
    expect(readAmount('1,234.50', 'en')).toBe('1234.50');
  });
  it('leaves what is not an amount for the core to refuse', () => {
    expect(readAmount('diez')).toBe('diez');
  });
});
