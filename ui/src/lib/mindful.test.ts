import { describe, expect, it } from 'vitest';
import { advance, asksBeforeStop, clock, lengthLabel, pacerAt, practiceLength } from './mindful';
import type { Breath } from './bindings/Breath';
import type { Phase } from './bindings/Phase';
import type { Preset } from './bindings/Preset';
import type { TimerView } from './bindings/TimerView';

const LABEL: Record<Breath, string> = { in: 'Breathe in', hold: 'Hold', out: 'Breathe out' };

/** One breath as the shell sends it: each part's counts, a count lasting `countMs`. */
function phases(parts: [Breath, number][], countMs = 1000): Phase[] {
  return parts.map(([breath, counts]) => ({ breath, label: LABEL[breath], counts, ms: counts * countMs }));
}

describe('timer arithmetic', () => {
  it('reads time the way people do, rounding up', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(1)).toBe('0:01');
    expect(clock(245_000)).toBe('4:05');
    expect(clock(3_723_000)).toBe('1:02:03');
    expect(lengthLabel(60)).toBe('1 minute');
    expect(lengthLabel(600)).toBe('10 minutes');
    expect(lengthLabel(90)).toBe('90 seconds');
    expect(lengthLabel(null)).toBe('open-ended');
    expect(practiceLength({ breaths: 4, seconds: 76 } as Preset)).toBe('4 breaths');
    expect(practiceLength({ breaths: null, seconds: 180 } as Preset)).toBe('3 minutes');
  });

  it('paces box breathing 4-4-4-4 and 4-7-8 with a count for each second', () => {
    const box = phases([['in', 4], ['hold', 4], ['out', 4], ['hold', 4]]);
    const four = phases([['in', 4], ['hold', 7], ['out', 8]]);
    expect(pacerAt(box, 0)).toMatchObject({ label: 'Breathe in', count: 1, of: 4, fill: 0, breath: 1 });
    expect(pacerAt(box, 2000).fill).toBeCloseTo(0.5);
    expect(pacerAt(box, 4500)).toMatchObject({ label: 'Hold', count: 1, fill: 1 });
    expect(pacerAt(box, 9000)).toMatchObject({ label: 'Breathe out', count: 2 });
    expect(pacerAt(box, 13000)).toMatchObject({ label: 'Hold', count: 2, fill: 0 });
    expect(pacerAt(box, 16000)).toMatchObject({ label: 'Breathe in', count: 1, breath: 2 });
    expect(pacerAt(four, 10_999)).toMatchObject({ label: 'Hold', count: 7, of: 7 });
    expect(pacerAt(four, 11_000)).toMatchObject({ label: 'Breathe out', count: 1, of: 8 });
  });

  it('follows the pattern without holds, and the pace stretches every count', () => {
    const gentle = phases([['in', 4], ['out', 6]]);
    const seen = new Set([0, 2500, 4000, 7000, 9999].map((ms) => pacerAt(gentle, ms).label));
    expect([...seen]).toEqual(['Breathe in', 'Breathe out']);
    expect(pacerAt(gentle, 10_000)).toMatchObject({ label: 'Breathe in', breath: 2 });
    // Slower: each count is 1.25 s, so the in-breath lasts 5 s and still counts to 4.
    const slower = phases([['in', 4], ['out', 6]], 1250);
    expect(pacerAt(slower, 4_999)).toMatchObject({ label: 'Breathe in', count: 4, of: 4 });
    expect(pacerAt(slower, 5_000)).toMatchObject({ label: 'Breathe out', count: 1, of: 6 });
    expect(pacerAt(slower, 12_500).breath).toBe(2);
    const faster = phases([['in', 4], ['out', 6]], 750);
    expect(pacerAt(faster, 3_000)).toMatchObject({ label: 'Breathe out', count: 1 });
  });

  it('ends a guided practice with one click, and asks only before ending a long timer of your own', () => {
    const p = (fields: Partial<Preset>) => ({ kind: 'timer', seconds: 600, ...fields }) as Preset;
    expect(asksBeforeStop(p({ kind: 'breathing', seconds: 76 }))).toBe(false);
    expect(asksBeforeStop(p({ kind: 'body_scan', seconds: 600 }))).toBe(false);
    expect(asksBeforeStop(p({ seconds: 300 }))).toBe(false);
    expect(asksBeforeStop(p({ seconds: 600 }))).toBe(true);
    expect(asksBeforeStop(p({ seconds: null }))).toBe(true);
  });

  it('moves a running timer on between reads, and a paused one not at all', () => {
    const view = { state: 'settling_in', elapsed_ms: 0, remaining_ms: 60_000, delay_left_ms: 5_000 } as TimerView;
    expect(advance(view, 3_000)).toEqual({ elapsed: 0, remaining: 60_000, delayLeft: 2_000 });
    expect(advance(view, 8_000)).toEqual({ elapsed: 3_000, remaining: 57_000, delayLeft: 0 });
    const paused = { ...view, state: 'paused', delay_left_ms: 0, elapsed_ms: 10_000, remaining_ms: 50_000 } as TimerView;
    expect(advance(paused, 30_000)).toEqual({ elapsed: 10_000, remaining: 50_000, delayLeft: 0 });
    const open = { ...paused, state: 'running', remaining_ms: null } as TimerView;
    expect(advance(open, 1_000).remaining).toBeNull();
  });
});
