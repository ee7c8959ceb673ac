// The safety path: help within reach before anything else, from any screen.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { invoke } from '@tauri-apps/api/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lockedOut, session } from '../lib/session.svelte';
import { answer, refuse } from '../test/ipc';
import { crisisInfo, phq9Form, safetyPlan, safetyPlanForm } from '../test/fixtures';
import Phq9 from './Phq9.svelte';
import Unlock from './Unlock.svelte';
import SafetyPlanView from './SafetyPlan.svelte';

type Args = Record<string, unknown> | undefined;

const calls = () => vi.mocked(invoke).mock.calls.map(([cmd, args]) => [cmd, args] as const);
const assessment = (answers: number[], difficulty: number | null = null) => ({
  id: 'a1',
  created_at: '',
  answers,
  difficulty,
  total: answers.reduce((a, b) => a + b, 0),
  band: 'minimal',
  safety_flag: answers[8] > 0,
});

async function answerAll(values: number[]) {
  await fireEvent.click(await screen.findByTestId('phq9-start'));
  for (const v of values) await fireEvent.click(screen.getByTestId(`phq9-answer-${v}`));
}

beforeEach(() => {
  session.phase = 'open';
  vi.mocked(invoke).mockClear();
});
afterEach(() => vi.restoreAllMocks());

describe('PHQ-9', () => {
  it('shows the safety screen the moment item 9 is above 0, with the answers already kept', async () => {
    answer({
      phq9_form: phq9Form,
      hold_idle_lock: null,
      record_phq9: (args: Args) => assessment(args?.answers as number[], args?.difficulty as number | null),
      safety_plan_form: safetyPlanForm,
      get_safety_plan: safetyPlan({ people_to_ask: ['Sam 555 0101'] }),
      crisis_line: crisisInfo,
      set_phq9_difficulty: null,
    });
    render(Phq9);
    await answerAll([1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(await screen.findByTestId('safety-screen')).toBeTruthy();
    expect(screen.queryByTestId('phq9-difficulty')).toBeNull();
    expect(screen.queryByTestId('phq9-result')).toBeNull();
    await waitFor(() => expect(calls()).toContainEqual(['record_phq9', { answers: [1, 0, 0, 0, 0, 0, 0, 0, 1], difficulty: null }]));
    expect(await screen.findByText('Sam 555 0101')).toBeTruthy();
    expect(calls()).toContainEqual(['hold_idle_lock', { count: 1, seq: expect.any(Number) }]);

    // Only after "I've read this": the difficulty question, added to the saved answers.
    expect((screen.getByTestId('safety-continue') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('safety-understood'));
    await fireEvent.click(screen.getByTestId('safety-continue'));
    await fireEvent.click(await screen.findByTestId('phq9-difficulty-2'));
    await fireEvent.click(screen.getByTestId('phq9-finish'));
    expect(await screen.findByTestId('phq9-result')).toBeTruthy();
    expect(calls()).toContainEqual(['set_phq9_difficulty', { id: 'a1', difficulty: 2 }]);
  });

  it('asks no difficulty question when every answer is 0', async () => {
    answer({ phq9_form: phq9Form, hold_idle_lock: null, record_phq9: (args: Args) => assessment(args?.answers as number[]) });
    render(Phq9);
    await answerAll([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(await screen.findByTestId('phq9-result')).toBeTruthy();
    expect(screen.queryByTestId('phq9-difficulty')).toBeNull();
    expect(calls()).toContainEqual(['record_phq9', { answers: [0, 0, 0, 0, 0, 0, 0, 0, 0], difficulty: null }]);
  });

  it('asks the difficulty question when a problem was checked off', async () => {
    answer({ phq9_form: phq9Form, hold_idle_lock: null, record_phq9: (args: Args) => assessment(args?.answers as number[], args?.difficulty as number) });
    render(Phq9);
    await answerAll([0, 2, 0, 0, 0, 0, 0, 0, 0]);
    await fireEvent.click(await screen.findByTestId('phq9-difficulty-1'));
    await fireEvent.click(screen.getByTestId('phq9-finish'));
    expect(await screen.findByTestId('phq9-result')).toBeTruthy();
    expect(calls()).toContainEqual(['record_phq9', { answers: [0, 2, 0, 0, 0, 0, 0, 0, 0], difficulty: 1 }]);
  });
});

describe('Need help now', () => {
  beforeEach(() => lockedOut());

  it('shows the crisis line on the lock screen without a passphrase', async () => {
    answer({ crisis_line: crisisInfo, safety_plan_form: safetyPlanForm, locked_plan: null });
    render(Unlock);
    await fireEvent.click(screen.getByTestId('help-now'));
    expect((await screen.findByTestId('crisis-call-number')).textContent).toBe('116 123');
    expect(screen.getByTestId('crisis-emergency').textContent).toBe('999');
    // Nothing that needs the vault: the line, and the plan's lines only if kept outside it.
    expect(calls().map(([c]) => c).sort()).toEqual(['crisis_line', 'locked_plan', 'safety_plan_form']);
    expect(screen.queryByText('Step 4: People I can ask for help')).toBeNull();
  });

  it('shows the coping steps and people on the lock screen when the person chose to', async () => {
    answer({
      crisis_line: crisisInfo,
      safety_plan_form: safetyPlanForm,
      locked_plan: { coping_strategies: [], people_to_ask: ['Sam 555 0101'] },
    });
    render(Unlock);
    await fireEvent.click(screen.getByTestId('help-now'));
    expect(await screen.findByText('Sam 555 0101')).toBeTruthy();
    expect(screen.getByText('Step 4: People I can ask for help')).toBeTruthy();
  });

  it('still says what to do when even the line cannot be read', async () => {
    answer({ crisis_line: refuse('io', 'Glimmer could not read a file.') });
    render(Unlock);
    await fireEvent.click(screen.getByTestId('help-now'));
    expect((await screen.findByTestId('crisis-card')).textContent).toContain('call your local emergency number');
  });
});

describe('safety plan page', () => {
  it("shows the crisis line, the core's section wording and the credit", async () => {
    session.phase = 'open';
    answer({ crisis_line: crisisInfo, safety_plan_form: safetyPlanForm, get_safety_plan: safetyPlan() });
    render(SafetyPlanView);
    expect((await screen.findByTestId('crisis-call-number')).textContent).toBe('116 123');
    expect(await screen.findByText('Step 4: People I can ask for help')).toBeTruthy();
    expect(screen.getByText(/Stanley & Brown, 2008/)).toBeTruthy();
  });
});
