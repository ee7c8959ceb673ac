// Behavioral activation in the app: planning with a repeat in plain words,
// the agenda with today first, "how did it go?" with ratings, and kind
// choices for a time that passed. Nothing typed is lost when saving fails.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { isoDay } from '../lib/plan';
import { session } from '../lib/session.svelte';
import { toasts } from '../lib/toast.svelte';
import { activity, areas, occurrence, plan } from '../test/fixtures';
import { answer, callsOf, markCalls, refuse } from '../test/ipc';
import { withOpenSession } from '../test/session';
import CompleteDialog from '../components/CompleteDialog.svelte';
import PlanDialog from '../components/PlanDialog.svelte';
import Plan from './Plan.svelte';
import Activities from './Activities.svelte';

withOpenSession();
beforeEach(markCalls);

const calls = callsOf;

const today = isoDay(new Date());

describe('the plan dialog', () => {
  it('plans chosen weekdays with a guess and a reminder, as an RFC 5545 rule', async () => {
    answer({
      list_activities: [activity(), activity({ id: 'a-tea', area: 'relationships', name: 'Share a tea' })],
      life_areas: areas,
      create_plan: (args: { plan: unknown } | undefined) => ({ ...plan(), ...(args?.plan as object) }),
    });
    render(PlanDialog);
    session.planning = { activity: 'a-tea' };
    const select = (await screen.findByTestId('plan-activity')) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe('a-tea'));
    await fireEvent.input(screen.getByTestId('plan-time'), { target: { value: '07:30' } });
    await fireEvent.change(screen.getByTestId('plan-repeat'), { target: { value: 'days' } });
    // No day chosen yet: said in words, nothing sent.
    await fireEvent.click(screen.getByTestId('plan-save'));
    expect(screen.getByRole('alert').textContent).toBe('Choose at least one day of the week.');
    expect(calls('create_plan')).toHaveLength(0);
    await fireEvent.click(screen.getByTestId('day-SA'));
    await fireEvent.click(screen.getByTestId('day-TU'));
    await fireEvent.input(screen.getByLabelText('How much do you expect to enjoy it?'), { target: { value: '4' } });
    await fireEvent.change(screen.getByTestId('plan-remind'), { target: { value: '10' } });
    await fireEvent.click(screen.getByTestId('plan-save'));
    await waitFor(() => expect(calls('create_plan')).toHaveLength(1));
    expect(calls('create_plan')[0].plan).toEqual({
      activity_id: 'a-tea',
      day: today,
      time: '07:30:00',
      tz: null,
      repeat: 'FREQ=WEEKLY;BYDAY=TU,SA',
      predicted: 4,
      remind_minutes: 10,
    });
    await waitFor(() => expect(session.planning).toBeNull());
  });

  it('changes a plan from today on, starting from how it stands, and keeps the choices when refused', async () => {
    answer({
      list_activities: [activity()],
      life_areas: areas,
      replace_plan: refuse('invalid', 'That day is past the end of the calendar.'),
    });
    render(PlanDialog);
    session.planning = { plan: plan() };
    expect(((await screen.findByTestId('plan-repeat')) as HTMLSelectElement).value).toBe('days');
    expect(screen.getByTestId('day-MO').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('day-TU').getAttribute('aria-pressed')).toBe('false');
    await fireEvent.click(screen.getByTestId('plan-sometime'));
    await fireEvent.click(screen.getByTestId('plan-save'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('That day is past the end of the calendar.'));
    expect(screen.getByRole('alert').textContent).toContain('your choices are still here');
    const sent = calls('replace_plan')[0];
    expect(sent.id).toBe('p1');
    expect(sent.plan).toMatchObject({ time: null, repeat: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', remind_minutes: null, predicted: 3 });
    // Still open, still as chosen.
    expect(session.planning).not.toBeNull();
    expect((screen.getByTestId('plan-sometime') as HTMLInputElement).checked).toBe(true);
    session.planning = null;
  });
});

describe('how did it go?', () => {
  it('saves done with the ratings given, leaves the rest out, and notes a glimmer linked to it', async () => {
    answer({
      get_occurrence: occurrence(),
      record_occurrence: (a: { status: string } | undefined) => occurrence({ status: a?.status as 'done' }),
      create_entry: { id: 'g1' },
      link_occurrence_entry: occurrence({ status: 'done', entry_id: 'g1' }),
    });
    render(CompleteDialog);
    session.completing = 'p1@2026-11-26';
    expect((await screen.findByTestId('complete-activity')).textContent).toBe('Go for a short walk');
    expect(screen.getByTestId('expected').textContent).toContain('You expected about 3/10.');
    await fireEvent.input(screen.getByLabelText('How much did you enjoy it?'), { target: { value: '7' } });
    expect(screen.getByTestId('expected').textContent).toContain('it was 7/10');
    await fireEvent.input(screen.getByLabelText('How vividly did you feel anything afterwards?'), { target: { value: '4' } });
    await fireEvent.input(screen.getByTestId('complete-glimmer'), { target: { value: 'Cold air on my face' } });
    await fireEvent.click(screen.getByTestId('complete-save'));
    await waitFor(() => expect(calls('link_occurrence_entry')).toHaveLength(1));
    expect(calls('record_occurrence')[0]).toEqual({
      id: 'p1@2026-11-26',
      status: 'done',
      outcome: { predicted: null, enjoyment: 7, mastery: null, intensity: 4, note: '' },
    });
    expect(calls('create_entry')[0].entry).toMatchObject({ kind: 'glimmer', body: 'Cold air on my face', intensity: 4 });
    expect(calls('link_occurrence_entry')[0]).toEqual({ id: 'p1@2026-11-26', entry: 'g1' });
    await waitFor(() => expect(session.completing).toBeNull());
  });

  it('keeps the glimmer when only it could not be saved, and does not note the outcome twice', async () => {
    let refuseEntry = true;
    answer({
      get_occurrence: occurrence(),
      record_occurrence: occurrence({ status: 'partly' }),
      create_entry: () => {
        if (refuseEntry) throw { code: 'io', message: 'The disk is full.' };
        return { id: 'g2' };
      },
      link_occurrence_entry: occurrence(),
    });
    render(CompleteDialog);
    session.completing = 'p1@2026-11-26';
    await fireEvent.click(await screen.findByTestId('status-partly'));
    await fireEvent.input(screen.getByTestId('complete-glimmer'), { target: { value: 'A warm cup' } });
    await fireEvent.click(screen.getByTestId('complete-save'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('The disk is full.'));
    expect(screen.getByRole('alert').textContent).toContain('How it went is saved');
    expect((screen.getByTestId('complete-glimmer') as HTMLTextAreaElement).value).toBe('A warm cup');
    refuseEntry = false;
    await fireEvent.click(screen.getByTestId('complete-save'));
    await waitFor(() => expect(calls('link_occurrence_entry')).toHaveLength(1));
    expect(calls('record_occurrence')).toHaveLength(1);
    expect(calls('record_occurrence')[0].status).toBe('partly');
  });

  it('offers later today, tomorrow or letting it go for not today', async () => {
    answer({ get_occurrence: occurrence(), move_occurrence: occurrence({ moved: true }) });
    render(CompleteDialog);
    session.completing = 'p1@2026-11-26';
    await fireEvent.click(await screen.findByTestId('status-not_today'));
    expect(screen.queryByTestId('complete-save')).toBeNull();
    expect(screen.queryByLabelText('How much did you enjoy it?')).toBeNull();
    await fireEvent.click(screen.getByTestId('tomorrow'));
    await waitFor(() => expect(calls('move_occurrence')).toEqual([{ id: 'p1@2026-11-26', to: { to: 'tomorrow' } }]));
  });
});

describe('the agenda', () => {
  it('shows today first, offers passed times again kindly, and opens how-did-it-go', async () => {
    const tomorrow = isoDay(new Date(Date.now() + 86_400_000));
    answer({
      list_occurrences: [
        occurrence({ id: `p1@${today}`, date: today, time: '18:00:00' }),
        occurrence({ id: `p1@${tomorrow}`, date: tomorrow, activity: 'Share a tea', time: null }),
      ],
      waiting_occurrences: [occurrence({ id: 'p1@2000-01-03', date: '2000-01-03', activity: 'Call a friend' })],
      list_plans: [plan()],
      pick_activity: activity({ name: 'Smell something pleasant', tiny: 'One breath near a spice jar' }),
    });
    render(Plan);
    const todays = await screen.findByTestId('agenda-today');
    expect(within(todays).getByRole('heading').textContent).toBe('Today');
    expect(within(todays).getByText('Go for a short walk')).toBeTruthy();
    expect(within(screen.getByTestId(`agenda-${tomorrow}`)).getByText('Sometime')).toBeTruthy();
    const waiting = screen.getByTestId('waiting');
    expect(waiting.textContent).toContain('Call a friend');
    expect(waiting.textContent).not.toMatch(/\b(overdue|missed|late|failed)\b/i);
    expect(screen.getByTestId('repeating').textContent).toContain('Every Mon, Wed and Fri, 18:00');

    await fireEvent.click(within(todays).getByTestId('how-did-it-go'));
    expect(session.completing).toBe(`p1@${today}`);
    session.completing = null;

    await fireEvent.click(screen.getByTestId('pick-one'));
    expect((await screen.findByTestId('picked')).textContent).toContain('One breath near a spice jar');
    await fireEvent.click(screen.getByTestId('plan-picked'));
    expect(session.planning).toEqual({ activity: 'a-walk' });
    session.planning = null;
  });

  it('says so calmly when plans cannot be read', async () => {
    answer({ list_occurrences: refuse('locked', 'Glimmer is locked.'), waiting_occurrences: [], list_plans: [] });
    render(Plan);
    expect((await screen.findByRole('alert')).textContent).toBe("Your plans can't be shown just now. Glimmer is locked.");
  });
});

describe('the library', () => {
  it('groups activities by life area, saves what matters, and hides with undo', async () => {
    answer({
      list_activities: [activity(), activity({ id: 'a-call', area: 'relationships', name: 'Call a friend', tiny: '' })],
      life_areas: areas,
      set_area_value: (a: { area: string; value: string } | undefined) => ({ ...areas[0], value: a?.value }),
      update_activity: activity({ hidden: true }),
    });
    render(Activities);
    const rel = await screen.findByTestId('area-relationships');
    await waitFor(() => expect(within(rel).getByText('Call a friend')).toBeTruthy());
    expect(within(screen.getByTestId('area-mind_body')).getByText('Go for a short walk')).toBeTruthy();
    expect((screen.getByTestId('value-mind_body') as HTMLInputElement).value).toBe('Look after my body');

    const value = screen.getByTestId('value-relationships');
    await fireEvent.input(value, { target: { value: 'I want to be a present friend' } });
    await fireEvent.blur(value);
    await waitFor(() => expect(calls('set_area_value')).toEqual([{ area: 'relationships', value: 'I want to be a present friend' }]));

    await fireEvent.click(screen.getByRole('button', { name: 'Hide Go for a short walk' }));
    await waitFor(() => expect(calls('update_activity')[0]).toEqual({ id: 'a-walk', input: { name: null, area: null, tiny: null, hidden: true } }));
    await waitFor(() => expect(toasts.current?.text).toBe('“Go for a short walk” is hidden. Its plans and notes stay.'));
    expect(toasts.current?.undo).toBeTypeOf('function');
  });
});
