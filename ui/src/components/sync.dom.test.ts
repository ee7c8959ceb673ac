// Use on another computer: starting sync through a typed folder, where it
// stands, and entries edited on two computers kept until the person chooses.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { invoke } from '@tauri-apps/api/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../lib/bindings/SyncStatus';
import { session } from '../lib/session.svelte';
import { answer, callsOf, markCalls, refuse } from '../test/ipc';
import EditedTwice from './EditedTwice.svelte';
import SyncSettings from './SyncSettings.svelte';

beforeEach(() => {
  session.phase = 'open';
  vi.mocked(invoke).mockClear();
  markCalls();
});
afterEach(() => vi.restoreAllMocks());

const off: SyncStatus = { set_up: false, folder: null, folder_missing: false, devices: [], pending: 0, unread: 0, edited_twice: [], passphrase_out_of_step: false };
const on: SyncStatus = {
  set_up: true,
  folder: '/home/sam/Sync/Glimmer',
  folder_missing: false,
  devices: [
    { device: 'aa', name: 'laptop', last_wrote: null, batches: 1, this_computer: true, removed: false },
    { device: 'bb', name: 'desktop', last_wrote: null, batches: 4, this_computer: false, removed: false },
  ],
  pending: 0,
  unread: 0,
  edited_twice: [],
  passphrase_out_of_step: false,
};
const report = { written: 12, batches_written: 1, batches_read: 0, applied: 0, edited_twice: 0, waiting: 0, passphrase_from: null };

describe('use on another computer', () => {
  it('starts syncing through the folder typed and then shows the computers', async () => {
    let started = false;
    answer({ sync_status: () => (started ? on : off), sync_start: () => ((started = true), report) });
    render(SyncSettings);
    const field = await screen.findByTestId('sync-folder');
    expect((screen.getByTestId('sync-start') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.input(field, { target: { value: '~/Sync/Glimmer' } });
    await fireEvent.click(screen.getByTestId('sync-start'));
    expect((await screen.findByTestId('sync-said')).textContent).toBe('Synced: wrote 12 changes.');
    expect(callsOf('sync_start')).toEqual([{ folder: '~/Sync/Glimmer' }]);
    const devices = await screen.findByTestId('sync-devices');
    expect(devices.textContent).toContain('laptop (this one)');
    expect(devices.textContent).toContain('desktop');
  });

  it('says plainly when the folder is away', async () => {
    answer({ sync_status: { ...on, folder_missing: true } });
    render(SyncSettings);
    expect((await screen.findByTestId('sync-missing')).textContent).toMatch(/not there just now/);
  });

  it('shows a refusal from the core as it is', async () => {
    answer({ sync_status: off, sync_start: refuse('invalid', '/x already holds another journal’s sync.') });
    render(SyncSettings);
    await fireEvent.input(await screen.findByTestId('sync-folder'), { target: { value: '/x' } });
    await fireEvent.click(screen.getByTestId('sync-start'));
    expect((await screen.findByTestId('sync-error')).textContent).toBe('/x already holds another journal’s sync.');
  });
});

describe('edited on two computers', () => {
  const twice = { ...on, edited_twice: [{ copy: 'c1', entry: 'e1', title: 'Tuesday' }, { copy: 'c2', entry: 'e2', title: '' }] };

  it('keeps one or both as the person chooses, and the journal reads again', async () => {
    answer({ sync_status: twice, sync_dismiss_copy: null, sync_keep_both: null });
    const onchanged = vi.fn();
    render(EditedTwice, { onchanged });
    const card = await screen.findByTestId('edited-twice');
    expect(card.textContent).toContain('Tuesday');
    expect(card.textContent).toContain('An entry with no title');
    await fireEvent.click(screen.getAllByTestId('dismiss-copy')[0]);
    await waitFor(() => expect(callsOf('sync_dismiss_copy')).toEqual([{ copy: 'c1' }]));
    await fireEvent.click(screen.getAllByTestId('keep-both')[0]);
    await waitFor(() => expect(callsOf('sync_keep_both')).toEqual([{ copy: 'c2' }]));
    await waitFor(() => expect(screen.queryByTestId('edited-twice')).toBeNull());
    expect(onchanged).toHaveBeenCalledTimes(2);
  });

  it('merges both versions into one and opens it to tidy', async () => {
    answer({ sync_status: twice, sync_merge: { id: 'e1' } });
    const onchanged = vi.fn();
    render(EditedTwice, { onchanged });
    await fireEvent.click((await screen.findAllByTestId('merge-copy'))[1]);
    await waitFor(() => expect(callsOf('sync_merge')).toEqual([{ copy: 'c2' }]));
    await waitFor(() => expect(session.editor).toEqual({ kind: 'entry', id: 'e2' }));
    expect(session.view).toBe('editor');
    expect(onchanged).toHaveBeenCalledTimes(1);
    expect(screen.getAllByTestId('merge-copy')).toHaveLength(1);
  });

  it('says calmly when a merge cannot be made, and keeps the choice there', async () => {
    answer({ sync_status: twice, sync_merge: refuse('not_found', 'No entry edited on two computers matches “c1”.') });
    render(EditedTwice, { onchanged: () => {} });
    await fireEvent.click((await screen.findAllByTestId('merge-copy'))[0]);
    await waitFor(() => expect(callsOf('sync_merge')).toHaveLength(1));
    expect(screen.getAllByTestId('merge-copy')).toHaveLength(2);
  });

  it('shows nothing when sync is not set up', async () => {
    answer({ sync_status: off });
    render(EditedTwice, { onchanged: () => {} });
    await waitFor(() => expect(callsOf('sync_status')).toHaveLength(1));
    expect(screen.queryByTestId('edited-twice')).toBeNull();
  });
});
