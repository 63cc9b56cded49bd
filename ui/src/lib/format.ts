// How Nimbo writes dates, times, money and numbers: es-PY (or English), in Asunción's time.

export type Lang = 'es' | 'en';

const ZONE = 'America/Asuncion';

function locale(lang: Lang): string {
  return lang === 'es' ? 'es-PY' : 'en-GB';
}

// Building an Intl formatter costs far more than using one: lists format hundreds of
// values, so each formatter is built once per language and kind.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormatter(key: string, lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${key}:${lang}`;
  let f = formatters.get(id) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lang), options);
    formatters.set(id, f);
  }
  return f;
}

function numberFormatter(key: string, lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${key}:${lang}`;
  let f = formatters.get(id) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), options);
    formatters.set(id, f);
  }
  return f;
}

/** A day: 26/11/2026. */
export function formatDate(value: string | Date, lang: Lang = 'es'): string {
  const d = typeof value === 'string' ? parseDay(value) : value;
  const plain = typeof value === 'string' && isPlainDay(value);
  return dateFormatter(plain ? 'day-utc' : 'day', lang, {
    timeZone: plain ? 'UTC' : ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(d);
}

/** An instant in Asunción: 26/11/2026 01:48. */
export function formatDateTime(value: string | Date, lang: Lang = 'es'): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  const parts = dateFormatter('instant', lang, {
    timeZone: ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** Money in US dollars: USD 1.234,50 (es) or USD 1,234.50 (en). A decimal string from
 * the core is formatted as text, digit by digit, never through a JavaScript number. */
export function formatMoney(amount: string | number, lang: Lang = 'es'): string {
  if (typeof amount === 'string') {
    const text = formatDecimal(amount, lang);
    if (text !== null) return `USD ${text}`;
  }
  const n = typeof amount === 'string' ? Number(amount) : amount;
  const text = numberFormatter('money', lang, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(n);
  return `USD ${text}`;
}

/** A decimal string («-1234.5») with two places and the language's separators
 * («-1.234,50»), rounded half away from zero past the cents; null when it is not a
 * plain decimal. */
export function formatDecimal(amount: string, lang: Lang = 'es'): string | null {
  const m = /^\s*([+-]?)(\d+)(?:\.(\d*))?\s*$/.exec(amount);
  if (!m) return null;
  const negative = m[1] === '-';
  const fraction = m[3] ?? '';
  // Cents as a BigInt: exact whatever the amount's size.
  let cents = BigInt(m[2] ?? '0') * 100n + BigInt((fraction + '00').slice(0, 2));
  if ((fraction[2] ?? '0') >= '5') cents += 1n;
  const whole = (cents / 100n).toString();
  const part = (cents % 100n).toString().padStart(2, '0');
  const [thousands, decimal] = lang === 'es' ? ['.', ','] : [',', '.'];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  const sign = negative && cents !== 0n ? '-' : '';
  return `${sign}${grouped}${decimal}${part}`;
}

/** A decimal string as a number, only for a chart's geometry (never for text). */
export function chartValue(amount: string): number {
  const n = Number(amount);
  return Number.isFinite(n) ? n : 0;
}

/** A whole number: 100.000 (es) or 100,000 (en). */
export function formatNumber(n: number, lang: Lang = 'es'): string {
  return numberFormatter('number', lang, {}).format(n);
}

/** How long something has waited: «3 d 4 h», «5 h», «12 min». */
export function formatWaited(since: string | Date, now: Date = new Date(), lang: Lang = 'es'): string {
  const start = typeof since === 'string' ? new Date(since) : since;
  const minutes = Math.max(0, Math.floor((now.getTime() - start.getTime()) / 60000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return `${hours} h`;
  return lang === 'es' ? `${minutes} min` : `${minutes} min`;
}

function isPlainDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text);
}

function parseDay(text: string): Date {
  // A plain day (YYYY-MM-DD) is a calendar day, not an instant: read it at UTC midnight
  // and format it in UTC so that no time zone moves it to the day before.
  return isPlainDay(text) ? new Date(`${text}T00:00:00Z`) : new Date(text);
}

const MONTHS: Record<Lang, string[]> = {
  es: ['ene.', 'feb.', 'mar.', 'abr.', 'may.', 'jun.', 'jul.', 'ago.', 'sept.', 'oct.', 'nov.', 'dic.'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** A billing period by its name, «2026-11» → «nov. 2026» (15 Nov to 14 Dec). */
export function periodName(period: string, lang: Lang = 'es'): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  const month = MONTHS[lang][Number(m[2]) - 1];
  return month ? `${month} ${m[1]}` : period;
}

/** A file's size as people read it: «850 KB», «45,6 MB». */
export function formatSize(bytes: number, lang: Lang = 'es'): string {
  if (bytes < 1_000_000) return `${Math.max(1, Math.ceil(bytes / 1000))} KB`;
  const mb = numberFormatter('mb', lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1_000_000);
  return `${mb} MB`;
}

/** An amount as a person types it (es-PY «-1.234,50», English «1,234.50», or plain
 * «1234.50») as the decimal string the core reads («-1234.50»). Text that is not an
 * amount goes through unchanged, for the core to refuse with its own words. */
export function readAmount(text: string, lang: Lang = 'es'): string {
  const t = text.trim().replace(/\s/g, '');
  if (lang === 'es') {
    if (/^[+-]?\d{1,3}(\.\d{3})*,\d*$/.test(t) || /^[+-]?\d+,\d*$/.test(t)) return t.replace(/\./g, '').replace(',', '.');
    if (/^[+-]?\d{1,3}(\.\d{3})+$/.test(t)) return t.replace(/\./g, '');
    return t;
  }
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) return t.replace(/,/g, '');
  return t;
}
