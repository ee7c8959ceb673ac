import { describe, expect, it } from 'vitest';
import { dayEnd, dayStart, headline, monthLabel, parseTags, tenths, whenInSentence, whenLabel } from './format';

describe('format', () => {
  const now = new Date(2026, 10, 26, 15, 0);

  it('gives a table one decimal, and a dash where there is no number', () => {
    expect([tenths(4.25), tenths(-1.04), tenths(3), tenths(0), tenths(null)]).toEqual(['4.3', '-1', '3', '0', '—']);
  });

  it('labels today and yesterday in words', () => {
    expect(whenLabel(new Date(2026, 10, 26, 9, 5).toISOString(), now)).toMatch(/^Today, /);
    expect(whenLabel(new Date(2026, 10, 25, 23, 59).toISOString(), now)).toMatch(/^Yesterday, /);
    expect(whenLabel(new Date(2026, 2, 3, 18, 40).toISOString(), now)).toMatch(/2026/);
  });

  it('says the moment inside a sentence without a capital in the middle', () => {
    expect(whenInSentence(new Date(2026, 10, 26, 9, 5).toISOString(), now)).toMatch(/^today, /);
    expect(whenInSentence(new Date(2026, 10, 25, 23, 59).toISOString(), now)).toMatch(/^yesterday, /);
    expect(whenInSentence(new Date(2026, 2, 3, 18, 40).toISOString(), now)).toMatch(/^on .*2026/);
  });

  it('names a check month in words, and nothing for anything but YYYY-MM', () => {
    const december = monthLabel('2026-12');
    expect(december).toMatch(/2026/);
    expect(december).not.toBe(monthLabel('2026-11'));
    // Whatever the local time zone, a month stays itself.
    expect(monthLabel('2027-01')).toMatch(/2027/);
    for (const bad of ['', '2026-13', '2026-00', '2026-1', 'December 2026']) expect(monthLabel(bad)).toBeNull();
  });

  it('turns date inputs into local day bounds, end exclusive', () => {
    const start = new Date(dayStart('2026-03-14')!);
    const end = new Date(dayEnd('2026-03-14')!);
    expect(start.getDate()).toBe(14);
    expect(start.getHours()).toBe(0);
    expect(end.getDate()).toBe(15);
    expect(end.getTime() - start.getTime()).toBeGreaterThanOrEqual(23 * 3600 * 1000);
    expect(dayStart('')).toBeNull();
    expect(dayEnd('14/03/2026')).toBeNull();
  });

  it('parses typed tags like the core does', () => {
    expect(parseTags('walk, #Rain  tea,walk')).toEqual(['walk', 'rain', 'tea']);
    expect(parseTags('  ,, ')).toEqual([]);
  });

  it('falls back from title to excerpt to a word', () => {
    expect(headline('  ', 'first words')).toBe('first words');
    expect(headline('', '')).toBe('Untitled');
    expect(headline('Title', 'x')).toBe('Title');
  });
});
