// The state a component test starts from: an open vault, nothing left from the test before.
import { afterEach, beforeEach, vi } from 'vitest';
import { session } from '../lib/session.svelte';
import { dismiss } from '../lib/toast.svelte';

/** Each test starts with the vault open and ends with no toast or spy left behind. */
export function withOpenSession(): void {
  beforeEach(() => {
    session.phase = 'open';
    session.settings = null;
    session.needsNewPassphrase = false;
    session.newRecoveryKey = null;
  });
  afterEach(() => {
    dismiss();
    vi.restoreAllMocks();
  });
}
