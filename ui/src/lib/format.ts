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

/** Money in US dollars: USD 1.234,50 (es) or USD 1,234.50 (en). */
export function formatMoney(amount: string | number, lang: Lang = 'es'): string {
  const n = typeof amount === 'string' ? Number(amount) : amount;
  const text = numberFormatter('money', lang, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(n);
  return `USD ${text}`;
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
