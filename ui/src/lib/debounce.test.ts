import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce, throttle } from './debounce';

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once with the last arguments after a pause', () => {
    const seen: string[] = [];
    const d = debounce((s: string) => seen.push(s), 100);
    d('a');
    d('ab');
    vi.advanceTimersByTime(99);
    expect(seen).toEqual([]);
    d('abc');
    vi.advanceTimersByTime(100);
    expect(seen).toEqual(['abc']);
  });

  it('flush runs a pending call now; cancel drops it', () => {
    const seen: number[] = [];
    const d = debounce((n: number) => seen.push(n), 100);
    d(1);
    d.flush();
    expect(seen).toEqual([1]);
    d.flush();
    expect(seen).toEqual([1]);
    d(2);
    d.cancel();
    vi.advanceTimersByTime(500);
    expect(seen).toEqual([1]);
  });
});

describe('throttle', () => {
  it('lets one call through per window', () => {
    let t = 0;
    let n = 0;
    const f = throttle(() => n++, 1000, () => t);
    f();
    f();
    t = 999;
    f();
    t = 1000;
    f();
    expect(n).toBe(2);
  });
});
