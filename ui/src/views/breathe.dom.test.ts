// The Breathe view and the timer screen: starting with an optional feeling
// before, Space and Esc on the running timer, one-click stop, breathing
// guides (the light-headed line first, four breaths of 4-7-8, the pace), the
// after question, the senses glimmer, and the session log with sessions added
// by hand.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Preset } from '../lib/bindings/Preset';
import type { Session } from '../lib/bindings/Session';
import type { TimerStatus } from '../lib/bindings/TimerStatus';
import type { Phase } from '../lib/bindings/Phase';
import { session as app } from '../lib/session.svelte';
import { timer } from '../lib/timer.svelte';
import { settings } from '../test/fixtures';
import { answer, callsOf, markCalls } from '../test/ipc';
import { withOpenSession } from '../test/session';
import Breathe from './Breathe.svelte';

withOpenSession();

beforeEach(() => {
  markCalls();
  timer.view = null;
  timer.logged = null;
});

const calls = callsOf;

const senses: Preset = {
  id: 'senses-minute',
  name: 'A minute of the senses',
  kind: 'senses',
  seconds: 60,
  delay_seconds: 0,
  bells: { kind: 'none' },
  sound: 'bowl',
  strikes: 1,
  prompts: [{ at_seconds: 10, text: 'Find one smell near you.', sense: 'smell' }],
  pacer: null,
  breaths: null,
  pace: 'usual',
  opening: null,
  builtin: true,
};

const LIGHT_HEADED = 'If you feel light-headed, stop and breathe normally.';

/** One breath of 4-7-8, each count lasting `count` ms, as the shell sends it. */
function fourSevenEight(count = 1000): Phase[] {
  return [
    { breath: 'in', label: 'Breathe in', counts: 4, ms: 4 * count },
    { breath: 'hold', label: 'Hold', counts: 7, ms: 7 * count },
    { breath: 'out', label: 'Breathe out', counts: 8, ms: 8 * count },
  ];
}

const breathing: Preset = {
  ...senses,
  id: 'breathing-478',
  name: '4-7-8 breathing',
  kind: 'breathing',
  seconds: 76,
  delay_seconds: 5,
  prompts: [{ at_seconds: 0, text: 'Breathe in through your nose for 4.', sense: null }],
  pacer: 'four_seven_eight',
  breaths: 4,
  opening: LIGHT_HEADED,
};

/** A long timer of one's own, where a slip of the hand would end a long sit. */
const longSit: Preset = { ...senses, id: 'mine', name: 'Morning sit', kind: 'timer', seconds: 1800, prompts: [], builtin: false };

function view(fields: Partial<TimerStatus> = {}): TimerStatus {
  return {
    preset: senses,
    state: 'running',
    active: true,
    elapsed_ms: 12_000,
    remaining_ms: 48_000,
    delay_left_ms: 0,
    prompt: senses.prompts[0],
    bells_rung: 0,
    phases: [],
    ...fields,
  };
}

function session(fields: Partial<Session> = {}): Session {
  return {
    id: 's1',
    preset_id: 'senses-minute',
    name: 'A minute of the senses',
    started_at: '2026-11-26T10:00:00Z',
    tz: 'Europe/Berlin',
    planned_seconds: 600,
    actual_seconds: 432,
    completed: false,
    manual: false,
    intensity_before: 3,
    intensity_after: null,
    ...fields,
  };
}

describe('breathe', () => {
  it('starts a preset with the feeling before, if given, and shows the running timer', async () => {
    answer({ timer_presets: [senses], timer_status: null, mindful_sessions: [], start_timer: view() });
    render(Breathe);
    await fireEvent.input(await screen.findByLabelText(/Before you start/), { target: { value: '3' } });
    await fireEvent.click(await screen.findByTestId('start-senses-minute'));
    await waitFor(() => expect(calls('start_timer')).toEqual([{ preset: 'senses-minute', intensityBefore: 3, pace: 'usual' }]));
    expect((await screen.findByTestId('timer-left')).textContent?.trim()).toMatch(/^0:4[78]$/);
    expect(screen.getByTestId('timer-prompt').textContent).toBe('Find one smell near you.');
  });

  it('pauses with Space and, for a long timer of your own, asks before stopping with Esc', async () => {
    const mine = view({ preset: longSit, prompt: null, remaining_ms: 1_788_000 });
    answer({ timer_presets: [senses], timer_status: mine, mindful_sessions: [], pause_timer: { ...mine, state: 'paused' }, stop_timer: { ...mine, state: 'stopped', active: false } });
    timer.view = mine;
    render(Breathe);
    await screen.findByTestId('timer-screen');
    await fireEvent.keyDown(window, { key: ' ' });
    await waitFor(() => expect(calls('pause_timer')).toHaveLength(1));
    expect(await screen.findByTestId('timer-paused')).toBeTruthy();
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(calls('stop_timer')).toHaveLength(0);
    await fireEvent.click(await screen.findByTestId('timer-stop-confirm'));
    await waitFor(() => expect(calls('stop_timer')).toHaveLength(1));
  });

  it.each([
    ['one click on Stop', async () => fireEvent.click(await screen.findByTestId('timer-stop'))],
    ['Esc', async () => fireEvent.keyDown(window, { key: 'Escape' })],
    ['Esc with the focus on Pause', async () => fireEvent.keyDown(await screen.findByTestId('timer-pause'), { key: 'Escape' })],
  ])('ends a guided practice with %s, asking nothing', async (_, how) => {
    const running = view({ preset: breathing, prompt: breathing.prompts[0], phases: fourSevenEight(), remaining_ms: 60_000, elapsed_ms: 16_000 });
    answer({ timer_presets: [breathing], timer_status: running, mindful_sessions: [], stop_timer: { ...running, state: 'stopped', active: false } });
    timer.view = running;
    render(Breathe);
    expect((await screen.findByTestId('timer-stop')).textContent).toBe('Stop');
    await how();
    await waitFor(() => expect(calls('stop_timer')).toHaveLength(1));
    expect(screen.queryByTestId('timer-stop-confirm')).toBeNull();
    // The shell says the timer is no longer going: the screen gives way to the timers.
    await waitFor(() => expect(screen.queryByTestId('timer-screen')).toBeNull());
    expect(screen.getByTestId('start-breathing-478')).toBeTruthy();
  });

  it('says once, before a breathing guide starts, to stop if light-headed', async () => {
    const settling = view({ preset: breathing, state: 'settling_in', prompt: null, phases: fourSevenEight(), elapsed_ms: 0, remaining_ms: 76_000, delay_left_ms: 5_000 });
    answer({ timer_presets: [breathing], timer_status: null, mindful_sessions: [], start_timer: settling });
    render(Breathe);
    await fireEvent.click(await screen.findByTestId('start-breathing-478'));
    expect((await screen.findByTestId('timer-opening')).textContent).toBe(LIGHT_HEADED);
    expect(screen.getByTestId('timer-said').textContent).toBe(LIGHT_HEADED);
    expect(screen.queryByTestId('pacer')).toBeNull();
    expect(document.body.textContent?.split(LIGHT_HEADED)).toHaveLength(3); // on screen and said, once each

    // Once the breathing begins it is not said again; the pacer takes over.
    timer.view = view({ preset: breathing, prompt: breathing.prompts[0], phases: fourSevenEight(), elapsed_ms: 1_000, remaining_ms: 75_000 });
    timer.said = '';
    await waitFor(() => expect(screen.queryByTestId('timer-opening')).toBeNull());
    expect(screen.getByTestId('pacer')).toBeTruthy();
    expect(document.body.textContent).not.toContain('light-headed');
  });

  it('offers 4-7-8 as four breaths, and its fourth breath is the last', async () => {
    answer({ timer_presets: [breathing], timer_status: null, mindful_sessions: [] });
    render(Breathe);
    expect((await screen.findByTestId('preset-breathing-478')).textContent).toContain('4 breaths');
    // Half a second into the last out-breath of the fourth breath.
    timer.view = view({ preset: breathing, prompt: null, phases: fourSevenEight(), elapsed_ms: 3 * 19_000 + 11_500, remaining_ms: 7_500 });
    expect((await screen.findByTestId('pacer-breath')).textContent).toBe('Breath 4 of 4');
    expect(screen.getByTestId('timer-left').textContent?.trim()).toMatch(/^0:0[78]$/);
  });

  it('keeps the breathing pace in the settings and starts the next guide at it', async () => {
    app.settings = settings();
    const slower = view({ preset: { ...breathing, pace: 'slower', seconds: 95 }, state: 'settling_in', prompt: null, phases: fourSevenEight(1250), delay_left_ms: 5_000, elapsed_ms: 0, remaining_ms: 95_000 });
    answer({
      timer_presets: [breathing],
      timer_status: null,
      mindful_sessions: [],
      set_settings: (a: { settings: object } | undefined) => a?.settings,
      start_timer: slower,
    });
    render(Breathe);
    expect((await screen.findByTestId('pace-usual')).getAttribute('aria-pressed')).toBe('true');
    await fireEvent.click(screen.getByTestId('pace-slower'));
    await waitFor(() => expect(calls('set_settings')[0]?.settings).toMatchObject({ breath_pace: 'slower', bell_volume: 60 }));
    expect(app.settings?.breath_pace).toBe('slower');
    expect(screen.getByTestId('pace-slower').getAttribute('aria-pressed')).toBe('true');
    await fireEvent.click(screen.getByTestId('start-breathing-478'));
    await waitFor(() => expect(calls('start_timer')).toEqual([{ preset: 'breathing-478', intensityBefore: null, pace: 'slower' }]));

    // The screen draws the slower breath the shell sent: 5 s in, 1.25 s a count.
    timer.view = { ...slower, state: 'running', delay_left_ms: 0, elapsed_ms: 5_000 };
    expect(await screen.findByTestId('pacer')).toBeTruthy();
    expect(screen.getByTestId('pacer').textContent).toContain('Hold');
  });

  it('asks how it is after, optionally, and offers the senses as a glimmer', async () => {
    answer({
      timer_presets: [senses],
      timer_status: null,
      mindful_sessions: [session()],
      set_session_intensity: session({ intensity_after: 6 }),
      create_entry: { id: 'g1' },
    });
    timer.logged = session({ completed: true });
    render(Breathe);
    await fireEvent.click(await screen.findByTestId('sense-texture'));
    expect((screen.getByTestId('senses-glimmer') as HTMLTextAreaElement).value).toBe('A texture: ');
    await fireEvent.input(screen.getByTestId('senses-glimmer'), { target: { value: 'A texture: the wool of my sleeve' } });
    await fireEvent.click(screen.getByTestId('save-senses-glimmer'));
    await waitFor(() => expect(calls('create_entry')[0]?.entry).toMatchObject({ kind: 'glimmer', body: 'A texture: the wool of my sleeve' }));
    await fireEvent.input(screen.getByLabelText('How vividly do you feel things now?'), { target: { value: '6' } });
    await fireEvent.click(screen.getByTestId('after-save'));
    await waitFor(() => expect(calls('set_session_intensity')).toEqual([{ id: 's1', intensity: 6 }]));
    expect(timer.logged).toBeNull();
  });

  it('keeps sessions stopped early, says so kindly, and adds one by hand', async () => {
    answer({
      timer_presets: [senses],
      timer_status: null,
      mindful_sessions: [session()],
      log_mindful_session: (a: { session: unknown } | undefined) => ({ ...session(), ...(a?.session as object), id: 's2' }),
    });
    render(Breathe);
    await waitFor(() => expect(screen.getByTestId('session').textContent).toContain('stopped at 7:12 of 10:00'));
    expect(screen.getByTestId('session-log').textContent).not.toMatch(/\b(failed|incomplete|streak)\b/i);
    await fireEvent.click(screen.getByTestId('add-session'));
    await fireEvent.input(screen.getByTestId('ms-minutes'), { target: { value: '15' } });
    await fireEvent.click(screen.getByTestId('ms-save'));
    await waitFor(() => expect(calls('log_mindful_session')).toHaveLength(1));
    expect(calls('log_mindful_session')[0].session).toMatchObject({ actual_seconds: 900, manual: true, completed: true });
  });
});

describe('a timer of your own', () => {
  it('saves any length, a settling-in delay, bells at chosen minutes and prompts', async () => {
    answer({
      timer_presets: [senses],
      timer_status: null,
      mindful_sessions: [],
      add_timer_preset: (a: { input: object } | undefined) => ({ ...senses, ...a?.input, id: 'mine', builtin: false }),
    });
    render(Breathe);
    await fireEvent.click(await screen.findByTestId('new-timer'));
    await fireEvent.input(screen.getByTestId('pf-minutes'), { target: { value: '12.5' } });
    await fireEvent.change(screen.getByTestId('pf-bells'), { target: { value: 'at' } });
    await fireEvent.input(screen.getByLabelText('At these minutes'), { target: { value: '0, 5 ,7.5' } });
    await fireEvent.click(screen.getByTestId('pf-add-prompt'));
    await fireEvent.input(screen.getByTestId('pf-prompt-0'), { target: { value: 'Notice the breath' } });
    await fireEvent.click(screen.getByTestId('pf-save'));
    await waitFor(() => expect(calls('add_timer_preset')).toHaveLength(1));
    expect(calls('add_timer_preset')[0].input).toEqual({
      name: 'My timer',
      seconds: 750,
      delay_seconds: 10,
      bells: { kind: 'at', seconds: [0, 300, 450] },
      sound: 'bowl',
      strikes: 1,
      prompts: [{ at_seconds: 60, text: 'Notice the breath', sense: null }],
    });
  });
});
