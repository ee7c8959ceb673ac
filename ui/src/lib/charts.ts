// Loading a set of charts (drawn in Rust) with the numbers behind them.
import type { Range } from './bindings/Range';
import type { Theme } from './bindings/Theme';
import { addDays, isoDay } from './plan';

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

const DAYS: Record<Range, number | null> = { days30: 30, months6: 183, year: 365, all: null };

/** The first local day a range covers, `null` for all time. */
export function sinceOf(range: Range, today: Date = new Date()): string | null {
  const days = DAYS[range];
  return days === null ? null : addDays(isoDay(today), -days);
}

/** The data and every chart of `kinds`, together. */
export async function drawAll<K extends string, D>(
  kinds: readonly (readonly [K, string])[],
  data: () => Promise<D>,
  chart: (kind: K, theme: Theme) => Promise<string>,
): Promise<{ data: D; svgs: Partial<Record<K, string>> }> {
  const theme = currentTheme();
  const [d, ...charts] = await Promise.all([data(), ...kinds.map(([k]) => chart(k, theme))]);
  return { data: d as D, svgs: Object.fromEntries(kinds.map(([k], i) => [k, charts[i] as string])) as Partial<Record<K, string>> };
}
