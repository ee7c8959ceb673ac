// The Breathe view and the timer screen: starting with an optional feeling
// before, Space and Esc on the running timer, the after question, the senses
// glimmer, and the session log with sessions added by hand.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Preset } from '../lib/bindings/Preset';
import type { Session } from '../lib/bindings/Session';
import type { TimerView } from '../lib/bindings/TimerView';
import { timer } from '../lib/timer.svelte';
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
  builtin: true,
};

function view(fields: Partial<TimerView> = {}): TimerView {
  return {
    preset: senses,
    state: 'running',
    elapsed_ms: 12_000,
    remaining_ms: 48_000,
    delay_left_ms: 0,
    prompt: senses.prompts[0],
    bells_rung: 0,
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
    await waitFor(() => expect(calls('start_timer')).toEqual([{ preset: 'senses-minute', intensityBefore: 3 }]));
    expect((await screen.findByTestId('timer-left')).textContent?.trim()).toMatch(/^0:4[78]$/);
    expect(screen.getByTestId('timer-prompt').textContent).toBe('Find one smell near you.');
  });

  it('pauses with Space and asks before stopping with Esc', async () => {
    answer({ timer_presets: [senses], timer_status: view(), mindful_sessions: [], pause_timer: view({ state: 'paused' }), stop_timer: view({ state: 'stopped' }) });
    timer.view = view();
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
