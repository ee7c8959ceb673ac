// "If someone may know your passphrase" in Settings (issue 17): what a new key
// does is said before anything starts, it is asked once more, and the new
// recovery key is shown once; a wrong current passphrase keeps what was typed.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { session } from '../lib/session.svelte';
import { crisisInfo, settings } from '../test/fixtures';
import { answer, callsOf, markCalls, refuse } from '../test/ipc';
import { withOpenSession } from '../test/session';
import SettingsView from './Settings.svelte';

const NEW_KEY = 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567';
const STRONG = { score: 4, label: 'Strong', hint: 'A good long passphrase.' };

function open(rekey: unknown = NEW_KEY) {
  answer({
    get_settings: settings(),
    crisis_line: crisisInfo,
    crisis_countries: [crisisInfo.line],
    list_backups: [],
    engine_versions: { glimmer: '0.2.0', sqlite: '3.54.1', sqlcipher: '4.20.0' },
    passphrase_strength: STRONG,
    hold_idle_lock: null,
    rekey_vault: rekey,
  });
  markCalls();
  render(SettingsView);
}

async function fillForm({ current = 'old quiet words', next = 'new quiet words here', again = '' } = {}) {
  again ||= next;
  await fireEvent.click(await screen.findByTestId('rekey-open'));
  await fireEvent.input(screen.getByLabelText('Current passphrase', { selector: '#rekey-current' }), { target: { value: current } });
  await fireEvent.input(screen.getByLabelText('New passphrase', { selector: '#rekey-next' }), { target: { value: next } });
  await fireEvent.input(screen.getByLabelText('New passphrase again', { selector: '#rekey-again' }), { target: { value: again } });
}

withOpenSession();

describe('a new key', () => {
  it('explains what happens before anything starts', async () => {
    open();
    expect(await screen.findByRole('heading', { name: 'If someone may know your passphrase' })).toBeTruthy();
    const said = screen.getByTestId('rekey').textContent ?? '';
    expect(said).toContain('Changing your passphrase is usually enough');
    expect(said).toContain('new recovery key');
    expect(said).toContain('re-encrypted under the new key, or deleted');
    expect(said).toContain('old passphrase and your old recovery key stop working');
    expect(said).toContain('It takes a moment');
    // Nothing to type yet, and nothing asked of the shell.
    expect(screen.queryByTestId('rekey-current')).toBeNull();
    await fireEvent.click(screen.getByTestId('rekey-open'));
    expect(document.activeElement).toBe(screen.getByTestId('rekey-current'));
    expect((screen.getByTestId('rekey-reencrypt') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('group', { name: 'Your old backups' })).toBeTruthy();
    expect(callsOf('rekey_vault')).toEqual([]);
  });

  it('asks once more, says what will happen, and can go back', async () => {
    open();
    await fillForm({ again: 'not the same' });
    await fireEvent.click(screen.getByTestId('rekey-continue'));
    expect(screen.getByTestId('rekey-error').textContent).toContain('not the same yet');
    await fireEvent.input(screen.getByTestId('rekey-again'), { target: { value: 'new quiet words here' } });
    await fireEvent.click(screen.getByTestId('rekey-delete'));
    await fireEvent.click(screen.getByTestId('rekey-continue'));

    const confirm = screen.getByTestId('rekey-confirm');
    expect(confirm.textContent).toContain('Your old backups will be deleted.');
    expect(confirm.textContent).toContain('old recovery key will stop working');
    expect(document.activeElement?.textContent).toBe('Lock everything under a new key now?');
    expect(callsOf('rekey_vault')).toEqual([]);

    await fireEvent.click(screen.getByRole('button', { name: 'Go back' }));
    expect((screen.getByTestId('rekey-next') as HTMLInputElement).value).toBe('new quiet words here');
    expect((screen.getByTestId('rekey-delete') as HTMLInputElement).checked).toBe(true);
    expect(callsOf('rekey_vault')).toEqual([]);
  });

  it('shows progress, then the new recovery key once, until the person has kept it', async () => {
    let finish: (key: string) => void = () => {};
    open(() => new Promise<string>((resolve) => (finish = resolve)));
    await fillForm();
    await fireEvent.click(screen.getByTestId('rekey-continue'));
    await fireEvent.click(screen.getByTestId('rekey-yes'));

    expect((await screen.findByRole('status')).textContent).toContain('Locking everything under a new key…');
    expect((screen.getByTestId('rekey-yes') as HTMLButtonElement).disabled).toBe(true);
    expect(callsOf('rekey_vault')).toEqual([
      { currentPassphrase: 'old quiet words', newPassphrase: 'new quiet words here', oldBackups: 'reencrypt' },
    ]);
    finish(NEW_KEY);

    expect((await screen.findByTestId('recovery-key')).textContent).toBe(NEW_KEY);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Your new recovery key' }));
    expect(document.body.textContent).toContain('Glimmer shows it only now');
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
    // The idle lock waits while it is on screen.
    await waitFor(() => expect(callsOf('hold_idle_lock').map((c) => c.count)).toEqual([1]));
    const kept = screen.getByRole('button', { name: 'I have kept it safe' }) as HTMLButtonElement;
    expect(kept.disabled).toBe(true);
    await fireEvent.click(screen.getByLabelText("I've saved my new recovery key somewhere safe"));
    await fireEvent.click(kept);

    // Once: gone from the screen and from memory, and Settings is back.
    expect(screen.queryByTestId('recovery-key')).toBeNull();
    expect(session.newRecoveryKey).toBeNull();
    expect(document.body.textContent).not.toContain(NEW_KEY);
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeTruthy();
    expect(screen.getByTestId('rekey-open')).toBeTruthy();
    await waitFor(() => expect(callsOf('hold_idle_lock').map((c) => c.count)).toEqual([1, 0]));
  });

  it('keeps the form filled after a wrong current passphrase, with a calm message', async () => {
    open(refuse('wrong_passphrase', "That passphrase doesn't open this vault. Check it and try again, or use your recovery key."));
    await fillForm({ current: 'a typo here' });
    await fireEvent.click(screen.getByTestId('rekey-continue'));
    await fireEvent.click(screen.getByTestId('rekey-yes'));

    const message = await screen.findByTestId('rekey-error');
    expect(message.getAttribute('role')).toBe('alert');
    expect(message.textContent).toBe("That isn't your current passphrase. Check it and try again; nothing was changed.");
    const current = screen.getByTestId('rekey-current') as HTMLInputElement;
    expect(current.value).toBe('a typo here');
    expect(current.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(current);
    expect((screen.getByTestId('rekey-next') as HTMLInputElement).value).toBe('new quiet words here');
    expect((screen.getByTestId('rekey-again') as HTMLInputElement).value).toBe('new quiet words here');
    expect(screen.queryByTestId('recovery-key')).toBeNull();
  });

  it('passes on any other problem as the core words it', async () => {
    open(refuse('io', 'Glimmer could not write to your backups folder: the disk is full.'));
    await fillForm();
    await fireEvent.click(screen.getByTestId('rekey-continue'));
    await fireEvent.click(screen.getByTestId('rekey-yes'));
    expect((await screen.findByTestId('rekey-error')).textContent).toBe('Glimmer could not write to your backups folder: the disk is full.');
    expect(screen.queryByTestId('recovery-key')).toBeNull();
  });
});
