// Loading a set of charts (drawn in Rust) with the numbers behind them, for
// a time range, again whenever the range changes.
import type { Range } from './bindings/Range';
import type { Theme } from './bindings/Theme';
import { messageOf } from './errors';
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

type ChartSetOptions<K extends string, D> = {
  kinds: readonly (readonly [K, string])[];
  /** Read inside an effect: the set is drawn again when it changes. */
  range: () => Range;
  data: (range: Range) => Promise<D>;
  chart: (kind: K, range: Range, theme: Theme) => Promise<string>;
  /** What it means here when they cannot be drawn. */
  problem: string;
  /** Anything else whose change should draw them again. */
  also?: () => unknown;
};

/** The data and charts for the current range, kept up to date; call while a component starts. */
export function chartSet<K extends string, D>(o: ChartSetOptions<K, D>) {
  const set = $state({ data: null as D | null, svgs: {} as Partial<Record<K, string>>, error: '' });
  $effect(() => {
    o.also?.();
    const r = o.range();
    set.error = '';
    drawAll(o.kinds, () => o.data(r), (k, theme) => o.chart(k, r, theme))
      .then((got) => {
        if (r !== o.range()) return;
        set.data = got.data;
        set.svgs = got.svgs;
      })
      .catch((e) => (set.error = messageOf(e, o.problem)));
  });
  return set;
}
