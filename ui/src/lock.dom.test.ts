// A lock from outside the window (the tray, the idle time, the screen lock):
// the shell asks first with `lock-requested`, and the words typed since the
// last autosave are saved before the UI answers with `lock`.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Draft } from './lib/bindings/Draft';
import type { DraftInput } from './lib/bindings/DraftInput';
import { session } from './lib/session.svelte';
import { dismiss } from './lib/toast.svelte';
import { answer, refuse } from './test/ipc';
import App from './App.svelte';

const WORDS = 'Every word, right up to the last one';

function kept(args: Record<string, unknown> | undefined): Draft {
  const d = args?.draft as DraftInput;
  return { ...d, id: 'd1', entry_id: null, updated_at: new Date().toISOString() } as Draft;
}

/** What App does when the shell emits `name`. */
function onEvent(name: string): () => Promise<unknown> {
  const call = vi.mocked(listen).mock.calls.find(([event]) => event === name);
  expect(call, `App listens for ${name}`).toBeDefined();
  const handler = call![1] as (e: unknown) => unknown;
  return async () => handler({ event: name, id: 1, payload: null });
}

const commands = () => vi.mocked(invoke).mock.calls.map(([cmd]) => cmd);

/** Opens App on a new entry and types into it, well inside the autosave's pause. */
async function typeInEditor(replies: Parameters<typeof answer>[0]) {
  answer({ vault_status: { exists: true, unlocked: true }, tags: [], render_markdown: '', lock: null, ...replies });
  render(App);
  const body = (await screen.findByTestId('entry-body')) as HTMLTextAreaElement;
  await fireEvent.input(body, { target: { value: WORDS } });
}

beforeEach(() => {
  vi.mocked(invoke).mockClear();
  vi.mocked(listen).mockClear();
  session.phase = 'loading';
  session.view = 'editor';
  session.editor = { kind: 'new' };
});
afterEach(() => dismiss());

describe('a lock the shell asks for', () => {
  it('saves the pending draft before it locks', async () => {
    const saved: string[] = [];
    await typeInEditor({
      save_draft: (args: Record<string, unknown> | undefined) => {
        saved.push((args?.draft as DraftInput).body);
        return kept(args);
      },
    });
    expect(commands()).not.toContain('save_draft');

    await onEvent('lock-requested')();
    expect(saved).toEqual([WORDS]);
    const order = commands();
    expect(order.indexOf('save_draft')).toBeLessThan(order.indexOf('lock'));
    expect(await screen.findByTestId('unlock-passphrase')).toBeTruthy();
    // The autosave that was waiting was the same words: it does not run again.
    await new Promise((r) => setTimeout(r, 800));
    expect(saved).toHaveLength(1);
  });

  it('locks anyway when the draft cannot be saved, and says so', async () => {
    await typeInEditor({ save_draft: refuse('disk_full', 'The disk is full.') });
    await onEvent('lock-requested')();
    expect(commands()).toContain('lock');
    expect(await screen.findByTestId('unlock-passphrase')).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByTestId('toast').textContent).toContain(
        'Glimmer locked before your latest words could be kept as a draft. The disk is full.',
      ),
    );
  });
});
