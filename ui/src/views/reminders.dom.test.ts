// Reminders in Settings: activity names stay out of notifications unless
// chosen, and the page says why; quiet hours and the daily cap are saved.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { invoke } from '@tauri-apps/api/core';
import { describe, expect, it, vi } from 'vitest';
import type { Settings } from '../lib/bindings/Settings';
import { session } from '../lib/session.svelte';
import { crisisInfo, settings, syncOff } from '../test/fixtures';
import { answer, refuse } from '../test/ipc';
import SettingsView from './Settings.svelte';
import { withOpenSession } from '../test/session';

const QUIET_REFUSED = 'Quiet hours need to end at another time than they start.';

/** What the page has asked the shell to save, in order. */
function saved(): Settings[] {
  return vi
    .mocked(invoke)
    .mock.calls.filter(([cmd]) => cmd === 'set_settings')
    .map(([, args]) => (args as { settings: Settings }).settings);
}

function open(setSettings: unknown = (args: { settings: Settings } | undefined) => args?.settings) {
  answer({
    get_settings: settings(),
    crisis_line: crisisInfo,
    crisis_countries: [crisisInfo.line],
    list_backups: [],
    sync_status: syncOff,
    set_settings: setSettings,
  });
  render(SettingsView);
}

withOpenSession();

describe('reminder settings', () => {
  it('leaves names out unless chosen, and says why', async () => {
    open();
    const names = (await screen.findByTestId('reminder-names')) as HTMLInputElement;
    expect(names.checked).toBe(false);
    const why = document.getElementById(names.getAttribute('aria-describedby') ?? '');
    expect(why?.textContent).toContain('anyone near your screen can read a notification');
    expect(why?.textContent).toContain('While Glimmer is locked, reminders never name anything');
    await fireEvent.click(names);
    await waitFor(() => expect(saved().at(-1)?.reminder_names).toBe(true));
  });

  it('saves quiet hours and how many reminders a day', async () => {
    open();
    expect(screen.queryByLabelText('From')).toBeNull();
    await fireEvent.click(await screen.findByTestId('quiet-hours'));
    await waitFor(() => expect(saved().at(-1)).toMatchObject({ quiet_start: '22:00', quiet_end: '07:00' }));
    await fireEvent.change(await screen.findByLabelText('From'), { target: { value: '21:30' } });
    await waitFor(() => expect(saved().at(-1)?.quiet_start).toBe('21:30'));
    const calls = saved().length;
    await fireEvent.change(screen.getByLabelText('until'), { target: { value: '' } });
    expect(saved()).toHaveLength(calls);

    const perDay = screen.getByLabelText('Reminders a day, at most') as HTMLSelectElement;
    expect(perDay.value).toBe('3');
    await fireEvent.change(perDay, { target: { value: '1' } });
    await waitFor(() => expect(saved().at(-1)?.reminders_per_day).toBe(1));

    await fireEvent.click(screen.getByTestId('quiet-hours'));
    await waitFor(() => expect(saved().at(-1)).toMatchObject({ quiet_start: null, quiet_end: null }));
  });

  it('starts at login only when chosen, and says when reminders begin', async () => {
    open();
    const login = (await screen.findByTestId('start-at-login')) as HTMLInputElement;
    expect(login.checked).toBe(false);
    const note = document.getElementById(login.getAttribute('aria-describedby') ?? '');
    expect(note?.textContent).toContain('once you have unlocked Glimmer');
    await fireEvent.click(login);
    await waitFor(() => expect(saved().at(-1)?.start_at_login).toBe(true));
  });

  it('shows a refused change next to the reminders', async () => {
    open(refuse('invalid', QUIET_REFUSED));
    await fireEvent.click(await screen.findByTestId('quiet-hours'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(QUIET_REFUSED);
    expect(alert.closest('section')?.getAttribute('aria-labelledby')).toBe('reminders-heading');
  });
});

describe('gentle reminders', () => {
  it('are off until chosen, and save a check-in time and the self-check', async () => {
    open();
    const checkin = (await screen.findByTestId('checkin-reminder')) as HTMLInputElement;
    const selfCheck = screen.getByTestId('self-check-reminder') as HTMLInputElement;
    expect(checkin.checked).toBe(false);
    expect(selfCheck.checked).toBe(false);
    await fireEvent.click(checkin);
    await waitFor(() => expect(saved().at(-1)?.checkin_reminder).toBe('20:00'));
    await fireEvent.change(screen.getByLabelText('at'), { target: { value: '08:15' } });
    await waitFor(() => expect(saved().at(-1)?.checkin_reminder).toBe('08:15'));
    await fireEvent.click(selfCheck);
    await waitFor(() => expect(saved().at(-1)).toMatchObject({ checkin_reminder: '08:15', self_check_reminder: true }));
  });
});
