// The safety plan to carry: a card to print, and (by choice, after a plain
// word about what it means) its coping steps and people while locked.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { invoke } from '@tauri-apps/api/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../lib/session.svelte';
import { answer, callsOf, markCalls } from '../test/ipc';
import { crisisInfo, safetyPlan, safetyPlanForm } from '../test/fixtures';
import SafetyPlanView from './SafetyPlan.svelte';

const card = '<div class="safety-card card"><div class="panel"><h1>My safety plan</h1></div><div class="panel"><h2>Step 4</h2><ul><li>Sam &lt;3</li></ul></div></div>';

beforeEach(() => {
  session.phase = 'open';
  vi.mocked(invoke).mockClear();
  markCalls();
});
afterEach(() => vi.restoreAllMocks());

const replies = (whileLocked: boolean) => ({
  crisis_line: crisisInfo,
  safety_plan_form: safetyPlanForm,
  get_safety_plan: safetyPlan({ people_to_ask: ['Sam <3'] }),
  hold_idle_lock: null,
  safety_card: (args: Record<string, unknown> | undefined) => card.replace('card"', `${args?.size}"`),
  plan_while_locked: whileLocked,
  set_plan_while_locked: null,
});

describe('a card to carry', () => {
  it('shows the card at the chosen size and prints it', async () => {
    answer(replies(false));
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    render(SafetyPlanView);
    await fireEvent.click(await screen.findByTestId('show-card'));
    const shown = await screen.findByTestId('plan-card');
    expect(shown.querySelector('.safety-card.wallet')).toBeTruthy();
    expect(shown.textContent).toContain('Sam <3');
    await fireEvent.click(screen.getByTestId('card-size-page'));
    await waitFor(() => expect(screen.getByTestId('plan-card').querySelector('.safety-card.page')).toBeTruthy());
    expect(callsOf('safety_card')).toEqual([{ size: 'wallet' }, { size: 'page' }]);
    await fireEvent.click(screen.getByTestId('print-card'));
    expect(print).toHaveBeenCalledOnce();
  });
});

describe('the plan while locked', () => {
  it('is off by default and says what turning it on means before it does anything', async () => {
    answer(replies(false));
    render(SafetyPlanView);
    await fireEvent.click(await screen.findByTestId('while-locked-on'));
    expect(screen.getByTestId('while-locked-notice').textContent).toBe(safetyPlanForm.outside_notice);
    expect(callsOf('set_plan_while_locked')).toEqual([]);
    await fireEvent.click(screen.getByTestId('while-locked-confirm'));
    await waitFor(() => expect(callsOf('set_plan_while_locked')).toEqual([{ on: true }]));
    expect(await screen.findByTestId('while-locked-off')).toBeTruthy();
  });

  it('turns off in one step', async () => {
    answer(replies(true));
    render(SafetyPlanView);
    await fireEvent.click(await screen.findByTestId('while-locked-off'));
    await waitFor(() => expect(callsOf('set_plan_while_locked')).toEqual([{ on: false }]));
  });
});
