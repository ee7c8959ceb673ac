// Plans in plain words: the repeat choices of the plan form, written as the
// RFC 5545 rule the core reads (and reads back to plain words itself), and
// the local days the agenda shows.
import type { Plan } from './bindings/Plan';

export type RepeatKind = 'once' | 'daily' | 'weekdays' | 'days' | 'every-n-days' | 'every-n-weeks';
export type EndKind = 'never' | 'count' | 'until';

export type Repeat = {
  kind: RepeatKind;
  /** RFC 5545 day codes, for 'days' and 'every-n-weeks'. */
  days: string[];
  /** For 'every-n-days' and 'every-n-weeks'. */
  every: number;
  end: EndKind;
  count: number;
  /** `YYYY-MM-DD`, through that day. */
  until: string;
};

export const WEEKDAYS: readonly [code: string, short: string, long: string][] = [
  ['MO', 'Mon', 'Monday'],
  ['TU', 'Tue', 'Tuesday'],
  ['WE', 'Wed', 'Wednesday'],
  ['TH', 'Thu', 'Thursday'],
  ['FR', 'Fri', 'Friday'],
  ['SA', 'Sat', 'Saturday'],
  ['SU', 'Sun', 'Sunday'],
];

export const REPEAT_CHOICES: readonly [RepeatKind, string][] = [
  ['once', 'Just once'],
  ['daily', 'Every day'],
  ['weekdays', 'Every weekday (Mon–Fri)'],
  ['days', 'On chosen days of the week'],
  ['every-n-days', 'Every few days'],
  ['every-n-weeks', 'Every few weeks'],
];

export function onceRepeat(): Repeat {
  return { kind: 'once', days: [], every: 2, end: 'never', count: 10, until: '' };
}

/** A problem with the choices in plain words, or null when they make a rule. */
export function repeatProblem(r: Repeat): string | null {
  if (r.kind === 'days' && r.days.length === 0) return 'Choose at least one day of the week.';
  if ((r.kind === 'every-n-days' || r.kind === 'every-n-weeks') && !(Number.isInteger(r.every) && r.every >= 1 && r.every <= 366))
    return 'How often takes a whole number from 1 to 366.';
  if (r.kind === 'once') return null;
  if (r.end === 'count' && !(Number.isInteger(r.count) && r.count >= 1 && r.count <= 10000))
    return 'How many times takes a whole number from 1 to 10,000.';
  if (r.end === 'until' && !/^\d{4}-\d{2}-\d{2}$/.test(r.until)) return 'Choose the last day.';
  return null;
}

/** The RFC 5545 rule for the choices; null for once. */
export function ruleText(r: Repeat): string | null {
  const byDay = (days: string[]) => WEEKDAYS.map(([c]) => c).filter((c) => days.includes(c));
  let parts: string[];
  switch (r.kind) {
    case 'once':
      return null;
    case 'daily':
      parts = ['FREQ=DAILY'];
      break;
    case 'weekdays':
      parts = ['FREQ=WEEKLY', 'BYDAY=MO,TU,WE,TH,FR'];
      break;
    case 'days':
      parts = ['FREQ=WEEKLY', `BYDAY=${byDay(r.days).join(',')}`];
      break;
    case 'every-n-days':
      parts = ['FREQ=DAILY', `INTERVAL=${r.every}`];
      break;
    case 'every-n-weeks':
      parts = ['FREQ=WEEKLY', `INTERVAL=${r.every}`];
      if (r.days.length) parts.push(`BYDAY=${byDay(r.days).join(',')}`);
      break;
  }
  if (r.end === 'count') parts.push(`COUNT=${r.count}`);
  if (r.end === 'until') parts.push(`UNTIL=${r.until.replaceAll('-', '')}`);
  return parts.join(';');
}

/** The form's choices for a saved plan's rule, so editing starts where it stands. */
export function repeatOf(plan: Pick<Plan, 'rule'>): Repeat {
  const r = onceRepeat();
  if (!plan.rule) return r;
  const parts = new Map(plan.rule.split(';').map((p) => p.split('=') as [string, string]));
  const days = parts.get('BYDAY')?.split(',') ?? [];
  const every = Number(parts.get('INTERVAL') ?? '1');
  const weekly = parts.get('FREQ') === 'WEEKLY';
  if (every > 1) Object.assign(r, { kind: weekly ? 'every-n-weeks' : 'every-n-days', every, days });
  else if (!weekly) r.kind = 'daily';
  else if (days.join(',') === 'MO,TU,WE,TH,FR') r.kind = 'weekdays';
  else Object.assign(r, { kind: 'days', days });
  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  if (count) Object.assign(r, { end: 'count', count: Number(count) });
  else if (until) Object.assign(r, { end: 'until', until: `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}` });
  return r;
}

/** A local day as `YYYY-MM-DD`. */
export function isoDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return isoDay(new Date(y, m - 1, d + n));
}

const dayNameFmt = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });

/** "Today", "Tomorrow", or "Friday 28 November". */
export function dayHeading(day: string, today: string): string {
  if (day === today) return 'Today';
  if (day === addDays(today, 1)) return 'Tomorrow';
  if (day === addDays(today, -1)) return 'Yesterday';
  const [y, m, d] = day.split('-').map(Number);
  return dayNameFmt.format(new Date(y, m - 1, d));
}

/** "18:30" from "18:30:00"; "Sometime" for a plan without a time. */
export function timeLabel(time: string | null): string {
  return time ? time.slice(0, 5) : 'Sometime';
}
