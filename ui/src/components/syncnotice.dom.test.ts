// A vault in a folder a sync service copies: Today says so once, calmly, with
// the way to the second backup folder; a folder that is not synced says nothing.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { invoke } from '@tauri-apps/api/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncWarning } from '../lib/bindings/SyncWarning';
import { session } from '../lib/session.svelte';
import { settings } from '../test/fixtures';
import { answer, callsOf, markCalls } from '../test/ipc';
import Today from '../views/Today.svelte';
import Backups from './Backups.svelte';

const warning: SyncWarning = {
  service: 'dropbox',
  folder: '/home/sam/Dropbox/glimmer',
  message:
    'Your vault is in a folder that Dropbox seems to keep in sync (/home/sam/Dropbox/glimmer). Dropbox can copy the journal while Glimmer is writing to it, and a copy taken halfway can come back as a damaged journal. The safer way: keep the vault in a folder Dropbox does not sync, and choose a folder in Dropbox as your second backup folder in Settings. Backups are finished, checked copies, so they are safe to sync.',
};

const today = (sync: SyncWarning | null) => ({
  sync_warning: sync,
  sync_warning_shown: null,
  phq9_unseen_prompts: null,
  list_entries: { items: [], next: null },
  list_drafts: [],
  list_occurrences: [],
  list_backups: [],
});

beforeEach(() => {
  session.phase = 'open';
  session.view = 'today';
  session.settings = settings();
  vi.mocked(invoke).mockClear();
  markCalls();
});

describe('a vault in a synced folder', () => {
  it('is said once on Today, in the core’s words, and marked as shown', async () => {
    answer(today(warning));
    render(Today);
    const notice = await screen.findByTestId('sync-notice');
    expect(notice.textContent).toContain(warning.message);
    expect(screen.getByRole('heading', { name: 'Where your vault lives' })).toBeTruthy();
    // Calm: not an alarm the screen reader interrupts with.
    expect(notice.getAttribute('role')).toBeNull();
    await waitFor(() => expect(callsOf('sync_warning_shown')).toEqual([undefined]));
    await fireEvent.click(screen.getByTestId('sync-close'));
    expect(screen.queryByTestId('sync-notice')).toBeNull();
  });

  it('leads to the second backup folder in Settings', async () => {
    answer(today(warning));
    render(Backups);
    render(Today);
    await fireEvent.click(await screen.findByTestId('sync-backup-folder'));
    expect(session.view).toBe('settings');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('backup-folder')));
    expect(screen.queryByTestId('sync-notice')).toBeNull();
  });

  it('says nothing, and marks nothing, where the vault is not synced or was already told', async () => {
    answer(today(null));
    render(Today);
    await waitFor(() => expect(callsOf('sync_warning')).toHaveLength(1));
    await screen.findByTestId('today-planned');
    expect(screen.queryByTestId('sync-notice')).toBeNull();
    expect(callsOf('sync_warning_shown')).toEqual([]);
  });
});
