// The passphrase hint comes from the core's estimator (zxcvbn, through the
// shell's `passphrase_strength`); this only paces the asking, so the hint
// stays calm while someone types instead of changing at every key.

import type { Strength } from './bindings/Strength';
import { debounce } from './debounce';

export const STRENGTH_PAUSE_MS = 150;

/**
 * Asks `rate` once typing pauses and hands each answer to `show`. The last
 * hint stays up until the next one arrives; an answer for text that has since
 * changed is dropped, so a slow reply never shows the wrong hint.
 */
export function strengthHint(
  rate: (passphrase: string) => Promise<Strength>,
  show: (hint: Strength | null) => void,
  ms = STRENGTH_PAUSE_MS,
) {
  let latest: string | null = null;
  const ask = debounce(async (passphrase: string) => {
    let hint: Strength | null;
    try {
      hint = await rate(passphrase);
    } catch {
      // Only a hint, and any passphrase is accepted: if it can't be had, an
      // empty line is calmer than an error about something that doesn't block.
      hint = null;
    }
    if (passphrase === latest) show(hint);
  }, ms);
  return {
    update(passphrase: string) {
      latest = passphrase;
      ask(passphrase);
    },
    cancel: ask.cancel,
  };
}
