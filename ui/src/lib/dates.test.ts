import { describe, expect, it } from 'vitest';
import { maskDay, readDay, showDay } from './dates';

describe('a day typed dd/mm/aaaa', () => {
  it('gets its slashes as it is typed', () => {
    expect(maskDay('0')).toBe('0');
    expect(maskDay('02')).toBe('02');
    expect(maskDay('021')).toBe('02/1');
    expect(maskDay('02122026')).toBe('02/12/2026');
    expect(maskDay('0212202612')).toBe('02/12/2026');
    expect(maskDay('02/12/2026')).toBe('02/12/2026');
    expect(maskDay('02/')).toBe('02/');
  });

  it('pads a day or month closed early and ignores letters', () => {
    expect(maskDay('2/12/2026')).toBe('02/12/2026');
    expect(maskDay('2/3/2026')).toBe('02/03/2026');
    expect(maskDay('2.3.2026')).toBe('02/03/2026');
    expect(maskDay('ab2x')).toBe('2');
  });

  it('reads day first, whatever the system locale, into the ISO day', () => {
    expect(readDay('02/12/2026')).toEqual({ iso: '2026-12-02', problem: null });
    expect(readDay('29/02/2028')).toEqual({ iso: '2028-02-29', problem: null });
    expect(readDay('')).toEqual({ iso: '', problem: null });
  });

  it('says when it is not a day yet, or no such day', () => {
    expect(readDay('02/12/20').problem).toBe('incomplete');
    expect(readDay('31/02/2026').problem).toBe('no_such_day');
    expect(readDay('29/02/2026').problem).toBe('no_such_day');
    expect(readDay('12/13/2026').problem).toBe('no_such_day');
    expect(readDay('00/12/2026').problem).toBe('no_such_day');
  });

  it('shows an ISO day as dd/mm/aaaa', () => {
    expect(showDay('2026-12-02')).toBe('02/12/2026');
    expect(showDay('')).toBe('');
  });
});
