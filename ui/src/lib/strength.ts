// A gentle passphrase strength hint: an estimate, never a rule that blocks.

export type Strength = { score: 0 | 1 | 2 | 3; label: string; hint: string };

const COMMON = ['password', 'passwort', '123456', 'qwerty', 'letmein', 'iloveyou', 'admin', 'welcome', 'glimmer'];

/** Rough entropy in bits from length and the kinds of characters used. */
export function entropyBits(p: string): number {
  if (!p) return 0;
  let pool = 0;
  if (/[a-z]/.test(p)) pool += 26;
  if (/[A-Z]/.test(p)) pool += 26;
  if (/[0-9]/.test(p)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(p)) pool += 20;
  const unique = new Set(p).size;
  // Repeated characters add little: count length by distinct characters too.
  const effective = Math.min(p.length, unique * 2);
  return Math.round(effective * Math.log2(Math.max(pool, 2)));
}

export function strength(p: string): Strength {
  const lower = p.toLowerCase();
  if (p.length === 0) return { score: 0, label: '', hint: 'A few unrelated words make a passphrase that is easy to remember and hard to guess.' };
  if (COMMON.some((c) => lower.includes(c)) && p.length < 16) {
    return { score: 0, label: 'Easy to guess', hint: 'This contains a very common password. A few unrelated words would be safer.' };
  }
  const bits = entropyBits(p);
  const words = p.trim().split(/\s+/).length;
  if (bits >= 70 || (words >= 4 && p.length >= 20)) return { score: 3, label: 'Strong', hint: 'This will keep your journal safe.' };
  if (bits >= 50 || (words >= 3 && p.length >= 14)) return { score: 2, label: 'Good', hint: 'Good. One more word would make it even stronger.' };
  return { score: 1, label: 'Could be stronger', hint: 'Longer is better: try adding a word or two.' };
}
