// Whatever no view catches still reaches the person, through App's window
// handlers and the toast.
import { render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, SOMETHING_WENT_WRONG } from './lib/api';
import { session } from './lib/session.svelte';
import { dismiss } from './lib/toast.svelte';
import { answer } from './test/ipc';
import App from './App.svelte';

const BUSY = 'The vault is busy with another Glimmer; try again in a moment.';

/** A promise rejection nobody handled, as the browser reports it. */
function unhandled(reason: unknown): Event {
  return Object.assign(new Event('unhandledrejection', { cancelable: true }), { reason, promise: Promise.resolve() });
}

const toastText = () => screen.queryByTestId('toast')?.textContent ?? '';

beforeEach(async () => {
  session.phase = 'loading';
  answer({ vault_status: { exists: true, unlocked: false } });
  render(App);
  await screen.findByTestId('unlock-passphrase');
});
afterEach(() => dismiss());

describe('the global handler', () => {
  it('shows the core’s own sentence for an unhandled ApiError', async () => {
    window.dispatchEvent(unhandled(new ApiError({ code: 'vault_busy', message: BUSY })));
    await waitFor(() => expect(toastText()).toContain(BUSY));
    // In the polite live region, so a screen reader hears it without losing its place.
    const region = screen.getByRole('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toContain(BUSY);
  });

  it('says something calm and true for anything else', async () => {
    window.dispatchEvent(unhandled(new TypeError("Cannot read properties of undefined (reading 'id')")));
    await waitFor(() => expect(toastText()).toContain(SOMETHING_WENT_WRONG));
    expect(toastText()).not.toContain('undefined');
  });

  it('catches uncaught exceptions too, but not notices without an error', async () => {
    window.dispatchEvent(new ErrorEvent('error', { message: 'ResizeObserver loop completed', error: null }));
    await Promise.resolve();
    expect(toastText()).toBe('');
    window.dispatchEvent(new ErrorEvent('error', { message: 'boom', error: new Error('boom') }));
    await waitFor(() => expect(toastText()).toContain(SOMETHING_WENT_WRONG));
  });
});
