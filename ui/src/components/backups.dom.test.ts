// Backups in Settings: a restore says what the backup holds before anything changes.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { invoke } from '@tauri-apps/api/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../lib/session.svelte';
import { dismiss, toasts } from '../lib/toast.svelte';
import { settings } from '../test/fixtures';
import { answer } from '../test/ipc';
import Backups from './Backups.svelte';

const backup = {
  name: 'vault-20261120T080000.000Z-daily.sqlite',
  taken_at: '2026-11-20T08:00:00Z',
  reason: 'daily',
  bytes: 2_400_000,
  entries: 12,
  checkins: 3,
  protected: false,
};

beforeEach(() => {
  session.phase = 'open';
  session.settings = settings();
  vi.mocked(invoke).mockClear();
  dismiss();
});

describe('backups', () => {
  it('shows what a backup holds and restores only after the person says so', async () => {
    answer({ list_backups: [backup], backup_preview: backup, restore_backup: backup });
    render(Backups);
    expect(await screen.findByText('12 entries, 3 check-ins')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: /Restore the backup from/ }));
    const ask = await screen.findByTestId('restore-confirm');
    expect(ask.textContent).toContain('12 entries, 3 check-ins');
    expect(vi.mocked(invoke).mock.calls.map(([c]) => c)).not.toContain('restore_backup');
    await fireEvent.click(screen.getByTestId('restore-yes'));
    await vi.waitFor(() => expect(vi.mocked(invoke).mock.calls.map(([c]) => c)).toContain('restore_backup'));
    expect(session.view).toBe('today');
  });

  it('names the copy taken before an upgrade plainly, and says it is kept', async () => {
    const upgrade = { ...backup, name: 'vault-20261121T080000.000Z-before-upgrade-from-7.sqlite', reason: 'before-upgrade-from-7', protected: true };
    answer({ list_backups: [upgrade, backup] });
    render(Backups);
    expect(await screen.findByText('before upgrade, kept 30 days')).toBeTruthy();
    expect(screen.getByText('daily')).toBeTruthy();
    expect(screen.queryByText(/from 7/)).toBeNull();
  });

  it('says so plainly when the second folder is not there', async () => {
    const problem = 'The second backup folder /media/usb is not there (is the drive connected?). The backup in the vault\u2019s own folder was made.';
    answer({ list_backups: [], backup_now: { backup, second_copy_problem: problem } });
    render(Backups);
    await fireEvent.click(await screen.findByTestId('backup-now'));
    await vi.waitFor(() => expect(toasts.current?.text).toBe(problem));
  });
});
