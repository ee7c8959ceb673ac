// The timer screen's arithmetic: time as people read it, and where a
// breathing pacer is at a moment, for the animation and its text count.
import type { Pacer } from './bindings/Pacer';
import type { TimerView } from './bindings/TimerView';

/** "4:05", "0:09", "1:02:03" (rounded up, so 0:00 shows only at the end). */
export function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "1 minute", "10 minutes", "90 seconds", "open-ended". */
export function lengthLabel(seconds: number | null): string {
  if (seconds === null) return 'open-ended';
  if (seconds % 60 !== 0 || seconds < 60) return `${seconds} seconds`;
  const m = seconds / 60;
  return m === 1 ? '1 minute' : `${m} minutes`;
}

type Step = { label: 'Breathe in' | 'Hold' | 'Breathe out'; seconds: number };

const PATTERNS: Record<Pacer, Step[]> = {
  box: [
    { label: 'Breathe in', seconds: 4 },
    { label: 'Hold', seconds: 4 },
    { label: 'Breathe out', seconds: 4 },
    { label: 'Hold', seconds: 4 },
  ],
  four_seven_eight: [
    { label: 'Breathe in', seconds: 4 },
    { label: 'Hold', seconds: 7 },
    { label: 'Breathe out', seconds: 8 },
  ],
};

export type PacerPhase = {
  label: Step['label'];
  /** The second within the step, from 1: the text count. */
  count: number;
  of: number;
  /** How full the circle is, 0 (out) to 1 (in). */
  fill: number;
};

/** Where the pacer is `elapsedMs` into the practice. */
export function pacerAt(pacer: Pacer, elapsedMs: number): PacerPhase {
  const steps = PATTERNS[pacer];
  const cycle = steps.reduce((n, s) => n + s.seconds, 0) * 1000;
  let t = ((elapsedMs % cycle) + cycle) % cycle;
  let before = 0;
  for (const step of steps) {
    const len = step.seconds * 1000;
    if (t < len) {
      const through = t / len;
      const fill = step.label === 'Breathe in' ? through : step.label === 'Breathe out' ? 1 - through : before;
      return { label: step.label, count: Math.floor(t / 1000) + 1, of: step.seconds, fill };
    }
    t -= len;
    before = step.label === 'Breathe in' ? 1 : 0;
  }
  return { label: 'Breathe in', count: 1, of: steps[0].seconds, fill: 0 };
}

/** The view `sinceMs` after it was read, as the shell's timer would show it. */
export function advance(view: TimerView, sinceMs: number): { elapsed: number; remaining: number | null; delayLeft: number } {
  const moving = view.state === 'running' || view.state === 'settling_in';
  const d = moving ? Math.max(0, sinceMs) : 0;
  const delayLeft = Math.max(0, view.delay_left_ms - d);
  const elapsed = view.elapsed_ms + Math.max(0, d - view.delay_left_ms);
  const remaining = view.remaining_ms === null ? null : Math.max(0, view.remaining_ms - Math.max(0, d - view.delay_left_ms));
  return { elapsed, remaining, delayLeft };
}
