// A journal that cannot open: the lock screen says so calmly and offers its
// backups, opened with what the person just typed, with the same preview as
// Settings; after a restore Glimmer opens as it does after unlocking.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { invoke } from '@tauri-apps/api/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackupInfo } from '../lib/bindings/BackupInfo';
import { session } from '../lib/session.svelte';
import { dismiss, toasts } from '../lib/toast.svelte';
import { settings } from '../test/fixtures';
import { answer, callsOf, markCalls, refuse } from '../test/ipc';
import Unlock from './Unlock.svelte';

const DAMAGED =
  'The vault database is empty. The newest sound backup is vault-20261120T080000.000Z-daily.sqlite, from 2026-11-20 08:00 UTC: restore it from the backups (your passphrase or recovery key opens it).';
const PASS = 'kettle harbour violet margin';
const KEY = 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567';

const daily: BackupInfo = {
  name: 'vault-20261120T080000.000Z-daily.sqlite',
  taken_at: '2026-11-20T08:00:00Z',
  reason: 'daily',
  bytes: 2_400_000,
  entries: 12,
  checkins: 3,
  protected: false,
};
const beforeRestore: BackupInfo = {
  ...daily,
  name: 'vault-20261119T080000.000Z-before-restore.sqlite',
  taken_at: '2026-11-19T08:00:00Z',
  reason: 'before-restore',
  protected: true,
};

const damaged = () => ({
  unlock: refuse('damaged', DAMAGED),
  locked_backups: [daily, beforeRestore],
  locked_backup_preview: daily,
  restore_locked: settings(),
});

beforeEach(() => {
  session.phase = 'locked';
  session.settings = null;
  session.needsNewPassphrase = false;
  vi.mocked(invoke).mockClear();
  markCalls();
});
afterEach(() => dismiss());

async function typeAndUnlock(testId: string, value: string) {
  await fireEvent.input(screen.getByTestId(testId), { target: { value } });
  await fireEvent.click(screen.getByTestId('unlock'));
}

describe('unlocking a journal that cannot open', () => {
  it('says what happened calmly and offers the backups', async () => {
    answer(damaged());
    render(Unlock);
    await typeAndUnlock('unlock-passphrase', PASS);
    const notice = await screen.findByTestId('unlock-damaged');
    expect(notice.textContent).toContain(DAMAGED);
    expect(notice.getAttribute('role')).toBe('status');
    // Not an alarm: no error styling, and nothing was typed wrong.
    expect(screen.queryByTestId('unlock-error')).toBeNull();
    expect(screen.getByTestId('unlock-passphrase').getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByRole('button', { name: 'Restore from a backup' })).toBeTruthy();
  });

  it('lists the backups with the passphrase just typed, previews, and restores only when asked', async () => {
    answer(damaged());
    render(Unlock);
    await typeAndUnlock('unlock-passphrase', PASS);
    await fireEvent.click(await screen.findByRole('button', { name: 'Restore from a backup' }));

    const heading = await screen.findByRole('heading', { name: 'Restore from a backup' });
    expect(document.activeElement).toBe(heading);
    expect(await screen.findAllByText('12 entries, 3 check-ins')).toHaveLength(2);
    expect(callsOf('locked_backups')).toEqual([{ passphrase: PASS }]);
    expect(screen.getByText('before restore, kept 30 days')).toBeTruthy();

    await fireEvent.click(screen.getAllByRole('button', { name: /Restore the backup from/ })[0]);
    const ask = await screen.findByTestId('restore-confirm');
    expect(ask.textContent).toContain('12 entries, 3 check-ins');
    expect(ask.textContent).toContain('what is there now is kept');
    expect(callsOf('locked_backup_preview')).toEqual([{ passphrase: PASS, name: daily.name }]);
    expect(callsOf('restore_locked')).toEqual([]);
    expect(document.activeElement).toBe(screen.getByTestId('restore-yes'));

    await fireEvent.click(screen.getByTestId('restore-yes'));
    await waitFor(() => expect(session.phase).toBe('open'));
    expect(callsOf('restore_locked')).toEqual([{ passphrase: PASS, name: daily.name }]);
    expect(session.view).toBe('today');
    expect(session.settings).toEqual(settings());
    expect(toasts.current?.text).toMatch(/^Your journal is back as it was (today|yesterday|on) /);
  });

  it('shows progress while the restore runs', async () => {
    let finish: (s: unknown) => void = () => {};
    answer({ ...damaged(), restore_locked: () => new Promise((r) => (finish = r)) });
    render(Unlock);
    await typeAndUnlock('unlock-passphrase', PASS);
    await fireEvent.click(await screen.findByRole('button', { name: 'Restore from a backup' }));
    await fireEvent.click((await screen.findAllByRole('button', { name: /Restore the backup from/ }))[0]);
    await fireEvent.click(await screen.findByTestId('restore-yes'));
    expect((await screen.findByTestId('restore-progress')).textContent).toContain('Restoring your journal');
    expect((screen.getByTestId('restore-yes') as HTMLButtonElement).disabled).toBe(true);
    finish(settings());
    await waitFor(() => expect(session.phase).toBe('open'));
  });

  it('uses the recovery key when that is what was typed, and then offers a new passphrase', async () => {
    answer({ ...damaged(), unlock: refuse('not_a_vault', 'This folder does not hold a Glimmer vault.') });
    render(Unlock);
    await fireEvent.click(screen.getByRole('button', { name: /Use your recovery key/ }));
    await typeAndUnlock('recovery-input', KEY);
    await fireEvent.click(await screen.findByRole('button', { name: 'Restore from a backup' }));
    await fireEvent.click((await screen.findAllByRole('button', { name: /Restore the backup from/ }))[0]);
    await fireEvent.click(await screen.findByTestId('restore-yes'));
    await waitFor(() => expect(session.phase).toBe('open'));
    expect(callsOf('locked_backups')).toEqual([{ recoveryKey: KEY }]);
    expect(callsOf('restore_locked')).toEqual([{ recoveryKey: KEY, name: daily.name }]);
    expect(session.needsNewPassphrase).toBe(true);
    expect(session.view).toBe('settings');
  });

  it('says calmly when the backups do not open, and goes back to the passphrase', async () => {
    const WRONG = "That passphrase doesn't open this vault. Check it and try again.";
    answer({ ...damaged(), locked_backups: refuse('wrong_passphrase', WRONG) });
    render(Unlock);
    await typeAndUnlock('unlock-passphrase', PASS);
    await fireEvent.click(await screen.findByRole('button', { name: 'Restore from a backup' }));
    expect((await screen.findByTestId('restore-error')).textContent).toBe(`Your backups can't be listed just now. ${WRONG}`);
    await fireEvent.click(screen.getByTestId('restore-back'));
    const field = await screen.findByTestId('unlock-passphrase');
    await waitFor(() => expect(document.activeElement).toBe(field));
  });

  it('stays on the backups when the restore fails, with nothing changed', async () => {
    answer({ ...damaged(), restore_locked: refuse('disk_full', 'The disk is full.') });
    render(Unlock);
    await typeAndUnlock('unlock-passphrase', PASS);
    await fireEvent.click(await screen.findByRole('button', { name: 'Restore from a backup' }));
    await fireEvent.click((await screen.findAllByRole('button', { name: /Restore the backup from/ }))[0]);
    await fireEvent.click(await screen.findByTestId('restore-yes'));
    expect((await screen.findByTestId('restore-error')).textContent).toBe('Nothing was restored. The disk is full.');
    expect(session.phase).toBe('locked');
    expect(screen.getByTestId('restore-locked')).toBeTruthy();
  });
});

describe('unlocking a vault a newer Glimmer has opened', () => {
  it('says so plainly, without blaming the passphrase or offering to restore', async () => {
    const NEWER =
      'This vault has been opened by a newer Glimmer, and this Glimmer (0.3.0) cannot read it safely. Nothing was changed. Open it with the newer Glimmer, or update this one.';
    answer({ unlock: refuse('newer_version', NEWER) });
    render(Unlock);
    await typeAndUnlock('unlock-passphrase', PASS);
    expect((await screen.findByTestId('unlock-error')).textContent).toBe(NEWER);
    expect(screen.getByTestId('unlock-passphrase').getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByTestId('unlock-damaged')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Restore from a backup' })).toBeNull();
    expect(session.phase).toBe('locked');
  });
});
