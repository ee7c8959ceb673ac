// The timer screen's arithmetic: time as people read it, where a breathing
// pacer is at a moment (for the animation and its text count), and when
// stopping asks first.
import type { Phase } from './bindings/Phase';
import type { Preset } from './bindings/Preset';
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

/** How long a practice is, as its card says: "4 breaths" for a breathing guide (its time follows the pace). */
export function practiceLength(p: Preset): string {
  return p.breaths === null ? lengthLabel(p.seconds) : `${p.breaths} breaths`;
}

const LONG_SIT_SECONDS = 10 * 60;

/**
 * Whether Stop asks first. Stopping keeps the time so far, so a guided
 * practice (a breath, a scan) ends with one click: ending one should never
 * be hard. Only a long timer of one's own asks, where a slip of the hand
 * would end a long sit.
 */
export function asksBeforeStop(p: Preset): boolean {
  return p.kind === 'timer' && (p.seconds === null || p.seconds >= LONG_SIT_SECONDS);
}

export type PacerPhase = {
  label: string;
  /** The count within the part of the breath, from 1: the text count. */
  count: number;
  of: number;
  /** How full the circle is, 0 (out) to 1 (in). */
  fill: number;
  /** Which breath this is, from 1. */
  breath: number;
};

/** Where the pacer is `elapsedMs` into the practice, one breath being `phases` (from the shell, at its pace). */
export function pacerAt(phases: Phase[], elapsedMs: number): PacerPhase {
  const cycle = phases.reduce((n, p) => n + p.ms, 0);
  const breath = Math.floor(Math.max(0, elapsedMs) / cycle) + 1;
  let t = ((elapsedMs % cycle) + cycle) % cycle;
  let before = 0;
  for (const p of phases) {
    if (t < p.ms) {
      const through = t / p.ms;
      const fill = p.breath === 'in' ? through : p.breath === 'out' ? 1 - through : before;
      return { label: p.label, count: Math.floor(through * p.counts) + 1, of: p.counts, fill, breath };
    }
    t -= p.ms;
    before = p.breath === 'in' ? 1 : 0;
  }
  return { label: phases[0].label, count: 1, of: phases[0].counts, fill: 0, breath };
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
