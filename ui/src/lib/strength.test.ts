import { describe, expect, it } from 'vitest';
import { entropyBits, strength } from './strength';

describe('strength', () => {
  it('grows with length and variety', () => {
    expect(entropyBits('')).toBe(0);
    expect(entropyBits('abcdefgh')).toBeLessThan(entropyBits('abcdefgh1!'));
    expect(entropyBits('aaaaaaaaaaaaaaaa')).toBeLessThan(entropyBits('abcdefghijklmnop'));
  });

  it('flags common passwords and praises a few unrelated words', () => {
    expect(strength('password1').score).toBe(0);
    expect(strength('kettle').score).toBe(1);
    expect(strength('kettle harbour violet').score).toBeGreaterThanOrEqual(2);
    expect(strength('kettle harbour violet margin').score).toBe(3);
  });

  it('always gives a kind hint, never an empty one', () => {
    for (const p of ['', 'a', 'password', 'kettle harbour violet margin']) {
      expect(strength(p).hint.length).toBeGreaterThan(10);
    }
  });
});
