// Bells made here, from sine partials that fade: no recordings of anyone
// else's. Played by the page; the shell tells it when.
import type { BellSound } from './bindings/BellSound';

type Partial = { ratio: number; gain: number };
type Voice = { base: number; decay: number; partials: Partial[] };

/** A singing bowl, a small chime, a wood block: warm, bright, dry. */
export const VOICES: Record<BellSound, Voice> = {
  bowl: { base: 196, decay: 6, partials: [{ ratio: 1, gain: 1 }, { ratio: 2.71, gain: 0.45 }, { ratio: 5.18, gain: 0.2 }] },
  chime: { base: 784, decay: 3, partials: [{ ratio: 1, gain: 1 }, { ratio: 2.0, gain: 0.3 }, { ratio: 3.0, gain: 0.15 }] },
  wood: { base: 520, decay: 0.25, partials: [{ ratio: 1, gain: 1 }, { ratio: 2.3, gain: 0.4 }] },
};

/** Seconds between strikes of one bell. */
export const STRIKE_GAP = 1.6;

let context: AudioContext | null = null;

/**
 * Rings `strikes` times at `volume` (0–100; 0 is silent, and nothing plays).
 * Where the page has no audio, the bell is only shown as text.
 */
export function ring(sound: BellSound, strikes: number, volume: number): void {
  if (volume <= 0 || typeof AudioContext === 'undefined') return;
  context ??= new AudioContext();
  const ctx = context;
  const voice = VOICES[sound];
  const level = (volume / 100) * 0.3;
  for (let i = 0; i < strikes; i++) {
    const start = ctx.currentTime + 0.05 + i * STRIKE_GAP;
    for (const p of voice.partials) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = voice.base * p.ratio;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(level * p.gain, start + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + voice.decay);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + voice.decay + 0.05);
    }
  }
}
