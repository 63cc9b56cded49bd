// Days as people in Paraguay type them: dd/mm/aaaa, whatever the system's locale, turned
// into the ISO day (YYYY-MM-DD) the core takes. Plain arithmetic: no JavaScript Date
// parsing, which reads 02/12/2026 month first.

/** Formats what is typed as dd/mm/aaaa while it is typed: digits only, slashes added;
 * a day or month closed early by a separator is padded (1/2/2026 → 01/02/2026). */
export function maskDay(text: string): string {
  const seg: [string, string, string] = ['', '', ''];
  const full = [2, 2, 4];
  let i: 0 | 1 | 2 = 0;
  for (const ch of text) {
    if (ch >= '0' && ch <= '9') {
      if (i < 2 && seg[i].length === full[i]) i = i === 0 ? 1 : 2;
      if (i === 2 && seg[2].length === 4) break;
      seg[i] += ch;
    } else if ('/.-'.includes(ch) && i < 2 && seg[i].length > 0) {
      seg[i] = seg[i].padStart(2, '0');
      i = i === 0 ? 1 : 2;
    }
  }
  let out = seg[0];
  if (i >= 1) out += `/${seg[1]}`;
  if (i >= 2) out += `/${seg[2]}`;
  return out;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** What a typed day amounts to: its ISO form, or why it is not a day yet. */
export type ReadDay = { iso: string; problem: null } | { iso: null; problem: 'incomplete' | 'no_such_day' };

/** Reads dd/mm/aaaa; empty text is the empty day (`''`). */
export function readDay(text: string): ReadDay {
  const t = text.trim();
  if (t === '') return { iso: '', problem: null };
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(t);
  if (!m) return { iso: null, problem: 'incomplete' };
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || year < 1900) {
    return { iso: null, problem: 'no_such_day' };
  }
  return { iso: `${m[3]}-${m[2]}-${m[1]}`, problem: null };
}

/** An ISO day (YYYY-MM-DD) as dd/mm/aaaa; anything else as given. */
export function showDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
