import { describe, expect, it } from 'vitest';
import { dayEnd, dayStart, headline, parseTags, whenInSentence, whenLabel } from './format';

describe('format', () => {
  const now = new Date(2026, 10, 26, 15, 0);

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
