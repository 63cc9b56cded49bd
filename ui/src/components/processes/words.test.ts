import { describe, expect, it } from 'vitest';
import { deadlineText, stepStateLabel } from './words';

describe("a process's open step says its deadline as the orders do", () => {
  it('gives the day and hour in Asunción when on time', () => {
    expect(deadlineText('2026-12-04T19:00:00Z', 'on_time')).toBe('Vence el 04/12/2026 16:00');
  });
  it('says it is near when the step is close to its limit', () => {
    expect(deadlineText('2026-12-04T19:00:00Z', 'near_deadline')).toBe('Vence pronto: el 04/12/2026 16:00');
  });
  it('says since when it is overdue', () => {
    expect(deadlineText('2026-12-02T11:30:00Z', 'overdue')).toBe('Vencido desde el 02/12/2026 08:30');
  });
  it('says nothing for a step without a time limit', () => {
    expect(deadlineText(null, null)).toBe('');
  });
});

describe('the timeline names the state of each step', () => {
  it('in words, not codes', () => {
    expect(stepStateLabel('not_applicable')).not.toBe('not_applicable');
    expect(stepStateLabel('current')).toBe('en espera');
  });
});
