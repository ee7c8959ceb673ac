import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '@tauri-apps/api/core';
import { dismiss, toast, toasts } from './toast.svelte';
import { settings } from '../test/fixtures';
import { flushBeforeLock, go, lockNow, lockedOut, onBeforeLock, openEditor, session } from './session.svelte';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));

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

  it('keeps a message that must not be missed until it is dismissed', () => {
    toast('The vault is busy.', undefined, null);
    vi.advanceTimersByTime(60_000);
    expect(toasts.current?.text).toBe('The vault is busy.');
    dismiss();
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
    session.settings = settings({ auto_lock_minutes: 5 });
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

  it('reports a save that could not finish, after running the others', async () => {
    const saved: string[] = [];
    const offA = onBeforeLock(async () => {
      throw new Error('disk full');
    });
    const offB = onBeforeLock(async () => {
      saved.push('other');
    });
    await expect(flushBeforeLock()).rejects.toThrow('disk full');
    expect(saved).toEqual(['other']);
    offA();
    offB();
  });
});

describe('locking at the person’s request', () => {
  beforeEach(() => {
    session.phase = 'open';
    dismiss();
    vi.mocked(invoke).mockReset();
  });

  it('locks once pending words are written', async () => {
    const order: string[] = [];
    const off = onBeforeLock(async () => {
      order.push('draft');
    });
    vi.mocked(invoke).mockImplementation(async (cmd) => {
      order.push(cmd);
    });
    await lockNow();
    off();
    expect(order).toEqual(['draft', 'lock']);
    expect(session.phase).toBe('locked');
  });

  it('stays open and says why when the latest words cannot be written', async () => {
    const off = onBeforeLock(async () => {
      throw { code: 'disk_full', message: 'The disk is full.' };
    });
    await lockNow();
    off();
    expect(invoke).not.toHaveBeenCalled();
    expect(session.phase).toBe('open');
    expect(toasts.current?.text).toMatch(/^Glimmer is still open, so your latest words aren't lost\./);
  });

  it('shows the lock screen even if the shell could not lock, and says so', async () => {
    vi.mocked(invoke).mockRejectedValue({ code: 'internal', message: 'The shell is stuck.' });
    await lockNow();
    expect(session.phase).toBe('locked');
    expect(toasts.current?.text).toBe('The shell is stuck.');
  });
});
