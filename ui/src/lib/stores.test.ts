import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dismiss, toast, toasts } from './toast.svelte';
import { flushBeforeLock, go, lockedOut, onBeforeLock, openEditor, session } from './session.svelte';

describe('toast store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows one message at a time and fades it after a while', () => {
    toast('first');
    toast('second');
    expect(toasts.current?.text).toBe('second');
    vi.advanceTimersByTime(7999);
    expect(toasts.current?.text).toBe('second');
    vi.advanceTimersByTime(1);
    expect(toasts.current).toBeNull();
  });

  it('keeps the undo action with its message', async () => {
    let undone = false;
    toast('Moved to the trash.', () => {
      undone = true;
    });
    await toasts.current?.undo?.();
    expect(undone).toBe(true);
    dismiss();
    expect(toasts.current).toBeNull();
  });
});

describe('session store', () => {
  it('navigates and opens the editor on a target', () => {
    session.phase = 'open';
    go('search');
    expect(session.view).toBe('search');
    openEditor({ kind: 'entry', id: 'abc' });
    expect(session.view).toBe('editor');
    expect(session.editor).toEqual({ kind: 'entry', id: 'abc' });
  });

  it('locking out returns to the lock screen, forgets settings and clears messages', () => {
    session.phase = 'open';
    session.settings = { auto_lock_minutes: 5, lock_with_screen: true };
    toast('Saved.');
    lockedOut();
    expect(session.phase).toBe('locked');
    expect(session.settings).toBeNull();
    expect(session.view).toBe('today');
    expect(toasts.current).toBeNull();
  });

  it('runs pending saves before locking, and forgets them once unregistered', async () => {
    const saved: string[] = [];
    const off = onBeforeLock(async () => {
      saved.push('draft');
    });
    await flushBeforeLock();
    expect(saved).toEqual(['draft']);
    off();
    await flushBeforeLock();
    expect(saved).toEqual(['draft']);
  });
});
