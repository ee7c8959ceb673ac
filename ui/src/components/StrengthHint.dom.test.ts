// The passphrase hint under a new passphrase comes from the core, once typing
// pauses; when it cannot be had the line stays empty and nothing is refused.
import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../lib/session.svelte';
import { answer, slip } from '../test/ipc';
import Onboarding from '../views/Onboarding.svelte';
import Settings from '../views/Settings.svelte';
import { crisisInfo, settings } from '../test/fixtures';

const hintText = () => screen.getByTestId('strength-hint').textContent?.replace(/\s+/g, ' ').trim() ?? '';
const asked = () => vi.mocked(invoke).mock.calls.filter(([cmd]) => cmd === 'passphrase_strength').map(([, args]) => args);

const WEAK = { score: 2, label: 'Could be stronger', hint: 'This is close to a password many people use.' };

beforeEach(() => {
  vi.mocked(invoke).mockClear();
  session.needsNewPassphrase = false;
  session.settings = null;
});

describe('the passphrase hint', () => {
  it('on the first screen asks the core once typing pauses, about the last text', async () => {
    vi.useFakeTimers();
    try {
      session.phase = 'welcome';
      answer({ passphrase_strength: WEAK, crisis_line: crisisInfo });
      render(Onboarding);
      const field = screen.getByTestId('new-passphrase');
      await vi.advanceTimersByTimeAsync(150);
      expect(asked()).toEqual([{ passphrase: '' }]);
      for (const typed of ['S', 'Su', 'Summer2024!']) {
        await fireEvent.input(field, { target: { value: typed } });
        await vi.advanceTimersByTimeAsync(100);
      }
      expect(asked()).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(50);
      await tick();
      expect(asked()).toEqual([{ passphrase: '' }, { passphrase: 'Summer2024!' }]);
      expect(hintText()).toBe('Could be stronger. This is close to a password many people use.');
    } finally {
      vi.useRealTimers();
    }
  });

  it('stays empty when the estimate cannot be had, and creating still works', async () => {
    session.phase = 'welcome';
    answer({ passphrase_strength: slip(), create_vault: 'key-key', crisis_line: crisisInfo });
    render(Onboarding);
    await fireEvent.input(screen.getByTestId('new-passphrase'), { target: { value: 'Summer2024!' } });
    await fireEvent.input(screen.getByTestId('confirm-passphrase'), { target: { value: 'Summer2024!' } });
    await waitFor(() => expect(asked().length).toBeGreaterThan(0));
    expect(hintText()).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
    await fireEvent.click(screen.getByTestId('create-vault'));
    await waitFor(() => expect(session.phase).toBe('recovery-key'));
  });

  it('in Settings rates the new passphrase', async () => {
    answer({
      passphrase_strength: (args?: Record<string, unknown>) => (args?.passphrase ? WEAK : { score: 0, label: '', hint: 'A few words.' }),
      get_settings: settings({ auto_lock_minutes: 5 }),
      crisis_line: crisisInfo,
      crisis_countries: [crisisInfo.line],
    });
    render(Settings);
    await waitFor(() => expect(hintText()).toBe('A few words.'));
    await fireEvent.input(screen.getByLabelText('New passphrase'), { target: { value: 'Dragon2025#' } });
    await waitFor(() => expect(hintText()).toContain('Could be stronger.'));
    expect(asked().at(-1)).toEqual({ passphrase: 'Dragon2025#' });
  });
});
