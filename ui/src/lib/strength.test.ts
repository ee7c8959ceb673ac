import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Strength } from './bindings/Strength';
import { strengthHint } from './strength';

const rated = (passphrase: string): Strength => ({ score: passphrase.length % 5, label: `L ${passphrase}`, hint: `H ${passphrase}` });

describe('strengthHint', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks once typing pauses, with the last text', async () => {
    const rate = vi.fn(async (p: string) => rated(p));
    const shown: (Strength | null)[] = [];
    const h = strengthHint(rate, (s) => shown.push(s), 150);
    h.update('S');
    h.update('Su');
    await vi.advanceTimersByTimeAsync(149);
    h.update('Sum');
    await vi.advanceTimersByTimeAsync(149);
    expect(rate).not.toHaveBeenCalled();
    expect(shown).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(rate).toHaveBeenCalledTimes(1);
    expect(shown).toEqual([rated('Sum')]);
  });

  it('drops a slow answer for text that has changed since', async () => {
    let release: (s: Strength) => void = () => {};
    const rate = vi.fn((p: string) => (p === 'slow' ? new Promise<Strength>((r) => (release = r)) : Promise.resolve(rated(p))));
    const shown: (Strength | null)[] = [];
    const h = strengthHint(rate, (s) => shown.push(s), 150);
    h.update('slow');
    await vi.advanceTimersByTimeAsync(150);
    h.update('quick');
    await vi.advanceTimersByTimeAsync(150);
    release(rated('slow'));
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toEqual([rated('quick')]);
  });

  it('shows no hint when the estimate cannot be had', async () => {
    const shown: (Strength | null)[] = [];
    const h = strengthHint(() => Promise.reject(new Error('bridge gone')), (s) => shown.push(s), 150);
    h.update('anything');
    await vi.advanceTimersByTimeAsync(150);
    expect(shown).toEqual([null]);
  });

  it('asks nothing once cancelled', async () => {
    const rate = vi.fn(async (p: string) => rated(p));
    const h = strengthHint(rate, () => {}, 150);
    h.update('x');
    h.cancel();
    await vi.advanceTimersByTimeAsync(500);
    expect(rate).not.toHaveBeenCalled();
  });
});
