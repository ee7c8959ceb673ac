// Dates and small text helpers for display.

/** Glimmer's mood scale from −3 to +3 in words, lowest first (index = mood + 3). */
export const MOOD_WORDS = ['very low', 'low', 'a bit low', 'okay', 'a bit good', 'good', 'very good'];

const dayFmt = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const shortFmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const monthFmt = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** "Today, 14:05", "Yesterday, 09:12", or "3 Mar 2026, 18:40". */
export function whenLabel(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(d)) / 86_400_000);
  const time = timeFmt.format(d);
  if (days === 0) return `Today, ${time}`;
  if (days === 1) return `Yesterday, ${time}`;
  return `${shortFmt.format(d)}, ${time}`;
}

/** The same moment inside a sentence: "today, 14:05", "yesterday, 09:12", "on 3 Mar 2026, 18:40". */
export function whenInSentence(iso: string, now: Date = new Date()): string {
  const label = whenLabel(iso, now);
  return /^(Today|Yesterday),/.test(label) ? label[0].toLowerCase() + label.slice(1) : `on ${label}`;
}

export function longDay(d: Date = new Date()): string {
  return dayFmt.format(d);
}

/** A `YYYY-MM` month as people read it ("December 2026"); null for anything else. */
export function monthLabel(value: string): string | null {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) return null;
  return monthFmt.format(new Date(Date.UTC(Number(m[1]), month - 1, 1)));
}

/** A `YYYY-MM-DD` from a date input, as the local midnight instant (ISO). */
export function dayStart(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d).toISOString();
}

/** The instant just after the given day ends (search bounds are exclusive). */
export function dayEnd(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d + 1).toISOString();
}

/** Splits typed tags ("walk, #Rain  tea") into tag names. */
export function parseTags(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((t) => t.replace(/^#+/, '').trim().toLowerCase())
    .filter((t, i, all) => t.length > 0 && all.indexOf(t) === i);
}

export function headline(title: string, excerpt: string): string {
  return title.trim() || excerpt.trim() || 'Untitled';
}

/** A mean in a chart's table, to one decimal. None given (only "I can't
 * tell", or no answer) is a dash, never a made-up 0. */
export function tenths(n: number | null): string {
  return n === null ? '—' : (Math.round(n * 10) / 10).toString();
}

/** Bytes as people read them: "840 KB", "12.3 MB". */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  if (bytes >= 1 << 10) return `${Math.round(bytes / (1 << 10))} KB`;
  return `${bytes} B`;
}
