import { describe, expect, it } from 'vitest';
import { advance, clock, lengthLabel, pacerAt } from './mindful';
import type { TimerView } from './bindings/TimerView';

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
  });

  it('paces box breathing 4-4-4-4 and 4-7-8 with a count for each second', () => {
    expect(pacerAt('box', 0)).toMatchObject({ label: 'Breathe in', count: 1, of: 4, fill: 0 });
    expect(pacerAt('box', 2000).fill).toBeCloseTo(0.5);
    expect(pacerAt('box', 4500)).toMatchObject({ label: 'Hold', count: 1, fill: 1 });
    expect(pacerAt('box', 9000)).toMatchObject({ label: 'Breathe out', count: 2 });
    expect(pacerAt('box', 13000)).toMatchObject({ label: 'Hold', count: 2, fill: 0 });
    expect(pacerAt('box', 16000)).toMatchObject({ label: 'Breathe in', count: 1 });
    expect(pacerAt('four_seven_eight', 10_999)).toMatchObject({ label: 'Hold', count: 7, of: 7 });
    expect(pacerAt('four_seven_eight', 11_000)).toMatchObject({ label: 'Breathe out', count: 1, of: 8 });
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
