// Self-check results that notice change, and a safety path that a lock cannot
// take away: the holds on the idle lock are counted, and a lock during one
// brings the person back to the same screen.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { invoke } from '@tauri-apps/api/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Phq9Result } from '../lib/bindings/Phq9Result';
import { helpNow } from '../lib/helpnow.svelte';
import { lockedOut, session } from '../lib/session.svelte';
import { answer, callsOf, markCalls } from '../test/ipc';
import { crisisInfo, phq9Form, safetyPlan, safetyPlanForm } from '../test/fixtures';
import HelpNow from '../components/HelpNow.svelte';
import Phq9 from './Phq9.svelte';
import SafetyPlanView from './SafetyPlan.svelte';
import Today from './Today.svelte';
import Unlock from './Unlock.svelte';

type Args = Record<string, unknown> | undefined;

const assessment = (answers: number[]) => ({
  id: 'a2',
  created_at: '2026-12-05T10:00:00Z',
  answers,
  difficulty: null,
  total: answers.reduce((a, b) => a + b, 0),
  band: 'moderately_severe' as const,
  safety_flag: answers[8] > 0,
});

const rise: Phq9Result = {
  assessment: assessment([2, 2, 2, 2, 2, 2, 2, 0, 1]),
  change: {
    previous: { id: 'a1', created_at: '2026-11-12T10:00:00Z', total: 9 },
    compared: '6 points higher than on 12 November',
    band_note: 'These problems are weighing heavily on you.',
    prompts: [
      { kind: 'rise', text: 'Things seem heavier than at your last self-check.' },
      { kind: 'thoughts_twice', text: 'Thoughts … were there at your last self-check too.' },
    ],
    within_period: false,
  },
};

const replies = {
  phq9_form: phq9Form,
  hold_idle_lock: null,
  phq9_retake_note: null,
  record_phq9: (args: Args) => assessment(args?.answers as number[]),
  phq9_result: rise,
  safety_plan_form: safetyPlanForm,
  get_safety_plan: safetyPlan({ people_to_ask: ['Sam 555 0101'] }),
  crisis_line: crisisInfo,
  set_phq9_difficulty: null,
};

async function answerAll(values: number[]) {
  await fireEvent.click(await screen.findByTestId('phq9-start'));
  for (const v of values) await fireEvent.click(screen.getByTestId(`phq9-answer-${v}`));
}

const holdCounts = () => callsOf('hold_idle_lock').map((c) => c.count);

beforeEach(() => {
  session.phase = 'open';
  session.view = 'phq9';
  helpNow.open = false;
  vi.mocked(invoke).mockClear();
  markCalls();
});
afterEach(() => vi.restoreAllMocks());

describe('a self-check beside the last one', () => {
  it('shows the comparison, the band note, the prompts and the crisis line after thoughts of self-harm', async () => {
    answer(replies);
    render(Phq9);
    await answerAll([2, 2, 2, 2, 2, 2, 2, 0, 1]);
    await fireEvent.click(screen.getByTestId('safety-understood'));
    await fireEvent.click(screen.getByTestId('safety-continue'));
    await fireEvent.click(await screen.findByTestId('phq9-skip-difficulty'));
    expect((await screen.findByTestId('phq9-compared')).textContent).toBe('That is 6 points higher than on 12 November.');
    expect(screen.getByTestId('phq9-band-note').textContent).toBe(rise.change.band_note);
    expect(screen.getByTestId('phq9-prompt-rise')).toBeTruthy();
    expect(screen.getByTestId('phq9-prompt-thoughts_twice')).toBeTruthy();
    expect(screen.getByTestId('phq9-prompts').textContent).toContain(phq9Form.prompt_closing);
    expect((await screen.findByTestId('crisis-call-number')).textContent).toBe('116 123');
    await fireEvent.click(screen.getByTestId('prompts-help-now'));
    expect(helpNow.open).toBe(true);
    // The clinician summary is one click away too.
    await fireEvent.click(screen.getByTestId('prompts-summary'));
    expect(session.view).toBe('data');
  });

  it('shows no prompt and no crisis card when nothing calls for them', async () => {
    const calm = { ...rise, change: { ...rise.change, compared: '2 points lower than on 12 November', prompts: [] } };
    answer({ ...replies, phq9_result: calm });
    render(Phq9);
    await answerAll([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect((await screen.findByTestId('phq9-compared')).textContent).toContain('2 points lower');
    expect(screen.queryByTestId('phq9-prompts')).toBeNull();
    expect(screen.queryByTestId('crisis-card')).toBeNull();
  });

  it('says quietly that a second self-check within two weeks overlaps, and still allows it', async () => {
    answer({ ...replies, phq9_retake_note: 'Your last self-check was on 28 November. The questions ask about the last two weeks.' });
    render(Phq9);
    expect((await screen.findByTestId('phq9-retake-note')).textContent).toContain('28 November');
    expect(screen.getByTestId('phq9-start')).toBeTruthy();
  });

  it('shows the last prompts once on Today and marks them shown', async () => {
    answer({
      phq9_unseen_prompts: rise,
      phq9_prompts_shown: null,
      phq9_form: phq9Form,
      list_entries: { items: [], next: null },
      list_drafts: [],
      list_occurrences: [],
    });
    session.view = 'today';
    render(Today);
    expect(await screen.findByTestId('phq9-prompt-rise')).toBeTruthy();
    await waitFor(() => expect(callsOf('phq9_prompts_shown')).toEqual([{ id: 'a2' }]));
  });
});

describe('holds on the idle lock', () => {
  it('are counted: closing Need help now over the safety plan keeps the plan holding', async () => {
    answer(replies);
    render(SafetyPlanView);
    render(HelpNow);
    await waitFor(() => expect(holdCounts()).toEqual([1]));
    await fireEvent.click(screen.getByTestId('help-now'));
    await waitFor(() => expect(holdCounts()).toEqual([1, 2]));
    await fireEvent.click(screen.getByTestId('help-now-close'));
    await waitFor(() => expect(holdCounts()).toEqual([1, 2, 1]));
    const seqs = callsOf('hold_idle_lock').map((c) => c.seq as number);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('bring the person back to the safety screen after a lock during it', async () => {
    answer(replies);
    const first = render(Phq9);
    await answerAll([1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(await screen.findByTestId('safety-screen')).toBeTruthy();
    // The screen locks (Glimmer locks with it), then the person unlocks.
    lockedOut();
    first.unmount();
    expect(session.view).toBe('phq9');
    session.phase = 'open';
    render(Phq9);
    expect(await screen.findByTestId('safety-screen')).toBeTruthy();
    expect(callsOf('record_phq9')).toHaveLength(1);
  });

  it('keep Need help now open over the lock screen, with the crisis line', async () => {
    answer(replies);
    const open = render(HelpNow);
    await fireEvent.click(screen.getByTestId('help-now'));
    await waitFor(() => expect(holdCounts()).toEqual([1]));
    lockedOut();
    open.unmount();
    render(Unlock);
    expect((await screen.findByTestId('crisis-call-number')).textContent).toBe('116 123');
    expect((screen.getByTestId('help-now-dialog') as HTMLDialogElement).open).toBe(true);
  });

  it('without a hold, a lock goes back to Today as before', async () => {
    answer(replies);
    session.view = 'journal';
    lockedOut();
    expect(session.view).toBe('today');
  });
});
