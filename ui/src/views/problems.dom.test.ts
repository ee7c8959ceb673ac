// When the shell refuses a call, the view says so calmly, next to what it
// concerns, and keeps what the person typed.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SOMETHING_WENT_WRONG } from '../lib/api';
import { lockedOut, openEditor, session } from '../lib/session.svelte';
import Toast from '../components/Toast.svelte';
import { answer, refuse, slip } from '../test/ipc';
import { crisisInfo, entrySummary, phq9Form, safetyPlan, safetyPlanForm, settings, syncOff } from '../test/fixtures';
import CheckIn from './CheckIn.svelte';
import Editor from './Editor.svelte';
import Journal from './Journal.svelte';
import Phq9 from './Phq9.svelte';
import SafetyPlanView from './SafetyPlan.svelte';
import Settings from './Settings.svelte';
import Unlock from './Unlock.svelte';
import { withOpenSession } from '../test/session';

const DAMAGED = 'The vault database is damaged (page 7). Your backups are in the vault’s backups folder.';
const BUSY = 'The vault is busy with another Glimmer; try again in a moment.';
const WRONG = "That passphrase doesn't open this vault. Check it and try again, or use your recovery key.";

/** The one alert on screen, once it appears. */
const alertText = async () => (await screen.findByRole('alert')).textContent ?? '';

withOpenSession();

describe('safety plan', () => {
  it('says calmly when the plan cannot be opened, and opens it on Try again', async () => {
    answer({ get_safety_plan: refuse('damaged', DAMAGED), safety_plan_form: safetyPlanForm, crisis_line: crisisInfo });
    render(SafetyPlanView);
    const text = await alertText();
    expect(text).toContain("Your safety plan can't be opened just now.");
    expect(text).toContain(DAMAGED);

    answer({ get_safety_plan: safetyPlan({ reasons_for_living: ['My niece'] }), safety_plan_form: safetyPlanForm, plan_while_locked: false });
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByDisplayValue('My niece')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps what was written when saving is refused', async () => {
    answer({
      get_safety_plan: safetyPlan(),
      safety_plan_form: safetyPlanForm,
      crisis_line: crisisInfo,
      save_safety_plan: refuse('disk_full', 'The disk is full.'),
      plan_while_locked: false,
    });
    render(SafetyPlanView);
    const reasons = (await screen.findByTestId('plan-reasons_for_living')) as HTMLTextAreaElement;
    await fireEvent.input(reasons, { target: { value: 'The sea in winter' } });
    await fireEvent.click(screen.getByTestId('save-plan'));
    expect(await alertText()).toBe("Your plan isn't saved yet; what you wrote is still here. The disk is full.");
    expect(reasons.value).toBe('The sea in winter');
  });
});

describe('settings', () => {
  it('shows a refused crisis-line save next to the form and keeps the number', async () => {
    answer({
      get_settings: settings({ auto_lock_minutes: 5 }),
      crisis_line: crisisInfo,
      crisis_countries: [crisisInfo.line],
      list_backups: [],
      sync_status: syncOff,
      set_crisis_line: refuse('vault_busy', BUSY),
    });
    render(Settings);
    const call = (await screen.findByTestId('crisis-call')) as HTMLInputElement;
    await fireEvent.input(call, { target: { value: '116 123' } });
    await fireEvent.click(screen.getByTestId('save-crisis'));
    expect(await alertText()).toBe(`The crisis line isn't saved yet; what you typed is still here. ${BUSY}`);
    expect(call.value).toBe('116 123');
  });

  it('asks only for the current passphrase again when it does not fit', async () => {
    answer({
      get_settings: settings({ auto_lock_minutes: 5 }),
      crisis_line: crisisInfo,
      crisis_countries: [crisisInfo.line],
      list_backups: [],
      sync_status: syncOff,
      change_passphrase: refuse('wrong_passphrase', WRONG),
    });
    render(Settings);
    const current = screen.getByLabelText('Current passphrase') as HTMLInputElement;
    await fireEvent.input(current, { target: { value: 'not it' } });
    await fireEvent.input(screen.getByLabelText('New passphrase'), { target: { value: 'kettle harbour' } });
    await fireEvent.input(screen.getByLabelText('New passphrase again'), { target: { value: 'kettle harbour' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Change passphrase' }));
    expect(await alertText()).toBe(WRONG);
    expect(current.value).toBe('');
    expect(current.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(current);
    expect((screen.getByLabelText('New passphrase') as HTMLInputElement).value).toBe('kettle harbour');
  });
});

describe('check-in', () => {
  it('still offers a check-in when its words and recent list cannot be shown', async () => {
    answer({ checkin_vocabulary: refuse('io', 'Glimmer could not read a file.'), recent_checkins: slip() });
    render(CheckIn);
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(2));
    const [words, recent] = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(words).toContain("The feeling words can't be shown just now");
    expect(recent).toBe(`Your recent check-ins can't be shown just now. ${SOMETHING_WENT_WRONG}`);
    expect(screen.getByTestId('save-checkin')).toBeTruthy();
  });
});

describe('journal', () => {
  it('keeps the entry listed and says why in the toast when the trash is refused', async () => {
    answer({ list_entries: { items: [entrySummary()], next: null }, trash_entry: refuse('vault_busy', BUSY) });
    render(Journal);
    render(Toast);
    await fireEvent.click(await screen.findByTestId('trash'));
    await waitFor(() => expect(screen.getByTestId('toast').textContent).toContain(`That entry is still in your journal. ${BUSY}`));
    expect(screen.getByTestId('entry-card').textContent).toContain('Sun on the kitchen floor');
  });

  it('says so when an Undo cannot be done', async () => {
    answer({
      list_entries: { items: [entrySummary()], next: null },
      trash_entry: entrySummary(),
      restore_entry: refuse('vault_busy', BUSY),
    });
    render(Journal);
    render(Toast);
    await fireEvent.click(await screen.findByTestId('trash'));
    await fireEvent.click(await screen.findByTestId('undo'));
    await waitFor(() => expect(screen.getByTestId('toast').textContent).toContain(`That couldn't be undone just now. ${BUSY}`));
  });
});

describe('editor', () => {
  it('says the entry cannot be opened, in plain words even for a slip in the app', async () => {
    openEditor({ kind: 'entry', id: 'e1' });
    answer({ tags: [], get_entry: slip(), list_drafts: [] });
    render(Editor);
    expect(await alertText()).toBe(`This entry can't be opened just now. ${SOMETHING_WENT_WRONG}`);
  });

  it('keeps the words on screen when saving is refused', async () => {
    openEditor({ kind: 'new' });
    answer({ tags: [], render_markdown: '', save_draft: refuse('disk_full', 'The disk is full.') });
    render(Editor);
    const body = (await screen.findByTestId('entry-body')) as HTMLTextAreaElement;
    await fireEvent.input(body, { target: { value: 'Half a thought' } });
    await fireEvent.click(screen.getByTestId('save-entry'));
    expect(await alertText()).toBe("Your entry isn't saved yet; your words are still here. The disk is full.");
    expect(body.value).toBe('Half a thought');
  });
});

describe('PHQ-9', () => {
  it('offers Try again when the questions cannot be opened', async () => {
    answer({ phq9_form: refuse('damaged', DAMAGED) });
    render(Phq9);
    expect(await alertText()).toBe(`The self-check can't be opened just now. ${DAMAGED}`);
    expect(screen.queryByText('Loading…')).toBeNull();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('still shows the crisis line when the safety plan cannot be shown', async () => {
    answer({
      phq9_form: phq9Form,
      hold_idle_lock: null,
      record_phq9: { id: 'a1', created_at: '', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1], difficulty: null, total: 1, band: 'minimal', safety_flag: true },
      safety_plan_form: safetyPlanForm,
      get_safety_plan: refuse('damaged', DAMAGED),
      crisis_line: crisisInfo,
    });
    render(Phq9);
    await fireEvent.click(await screen.findByTestId('phq9-start'));
    for (let i = 0; i < 8; i++) await fireEvent.click(screen.getByTestId('phq9-answer-0'));
    await fireEvent.click(screen.getByTestId('phq9-answer-1'));
    expect(await alertText()).toContain(`Your safety plan can't be shown just now; the crisis line above still stands. ${DAMAGED}`);
    expect((await screen.findByTestId('crisis-call-number')).textContent).toBe('116 123');
    expect(screen.getByTestId('crisis-card').textContent).toContain('cannot alert anyone');
    expect(screen.queryByTestId('phq9-result')).toBeNull();
  });
});

describe('unlock', () => {
  beforeEach(() => lockedOut());

  it('marks a passphrase that does not fit, and selects it for typing again', async () => {
    answer({ unlock: refuse('wrong_passphrase', WRONG) });
    render(Unlock);
    const field = screen.getByTestId('unlock-passphrase') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: 'not it' } });
    const select = vi.spyOn(field, 'select');
    await fireEvent.click(screen.getByTestId('unlock'));
    expect(await screen.findByTestId('unlock-error')).toBeTruthy();
    expect(screen.getByTestId('unlock-error').textContent).toBe(WRONG);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(select).toHaveBeenCalled();
  });

  it('leaves the passphrase alone when the problem is not what was typed', async () => {
    answer({ unlock: refuse('vault_busy', BUSY) });
    render(Unlock);
    const field = screen.getByTestId('unlock-passphrase') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: 'kettle harbour' } });
    await fireEvent.click(screen.getByTestId('unlock'));
    expect((await screen.findByTestId('unlock-error')).textContent).toBe(BUSY);
    expect(field.getAttribute('aria-invalid')).toBe('false');
    expect(field.value).toBe('kettle harbour');
  });
});
