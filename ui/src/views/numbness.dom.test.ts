// "About numbness" points to where Glimmer supports each small help and,
// beside thoughts of not wanting to be here, to "Need help now"; it says
// numbness (and anhedonia), not blunting; Today's glimmer box points to it.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { session } from '../lib/session.svelte';
import HelpNow from '../components/HelpNow.svelte';
import { answer } from '../test/ipc';
import { crisisInfo, safetyPlan, safetyPlanForm } from '../test/fixtures';
import Numbness from './Numbness.svelte';
import Today from './Today.svelte';

beforeEach(() => {
  session.phase = 'open';
  session.view = 'numbness';
});

describe('about numbness', () => {
  it('has no accessibility problems axe can find in jsdom', async () => {
    const { container } = render(Numbness);
    // Contrast needs real layout, and landmarks come from App's <main>; the e2e covers both.
    const { violations } = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(violations.map((v) => v.id)).toEqual([]);
  });

  it.each([
    ['Check in', 'checkin'],
    ['Note it on Today', 'today'],
    ['Look back in Insights', 'insights'],
    ['Your safety plan', 'safety'],
  ])('“%s” opens %s', async (name, view) => {
    render(Numbness);
    await fireEvent.click(screen.getByRole('button', { name }));
    expect(session.view).toBe(view);
  });

  it('offers "Need help now" right beside thoughts of not wanting to be here, and it opens the same screen as the sidebar button', async () => {
    answer({ crisis_line: crisisInfo, safety_plan_form: safetyPlanForm, get_safety_plan: safetyPlan() });
    // The sidebar's button, as the navigation shows it.
    render(HelpNow);
    const dialog = screen.getByTestId('help-now-dialog') as HTMLDialogElement;
    expect(dialog.open).toBe(false);
    const { container } = render(Numbness);
    const line = within(container).getByTestId('numb-thoughts');
    expect(line.textContent).toMatch(/thoughts of not wanting to be here/);
    await fireEvent.click(within(line).getByRole('button', { name: 'Need help now' }));
    expect(dialog.open).toBe(true);
    expect((await within(dialog).findByTestId('crisis-call-number')).textContent).toBe('116 123');
    expect(session.view).toBe('numbness');

    // Closed, and asked for again: it opens again.
    await fireEvent.click(within(dialog).getByTestId('help-now-close'));
    await waitFor(() => expect(dialog.open).toBe(false));
    await fireEvent.click(within(line).getByRole('button', { name: 'Need help now' }));
    expect(dialog.open).toBe(true);
  });

  it('says numbness and names anhedonia, and says "blunting" nowhere', () => {
    const { container } = render(Numbness);
    const text = container.textContent ?? '';
    expect(text).toContain('numbness');
    expect(text).toContain('anhedonia');
    expect(text).not.toMatch(/blunt/i);
  });

  it('opens a new glimmer in the editor', async () => {
    session.editor = { kind: 'entry', id: 'e1' };
    render(Numbness);
    await fireEvent.click(screen.getByRole('button', { name: 'Write a glimmer' }));
    expect(session.view).toBe('editor');
    expect(session.editor).toEqual({ kind: 'new' });
  });

  it('is reached from Today, under what a glimmer is', async () => {
    session.view = 'today';
    answer({ list_entries: { items: [], next: null }, list_drafts: [] });
    render(Today);
    expect(screen.getByTestId('what-is-a-glimmer').textContent).toContain('What is a glimmer?');
    await fireEvent.click(screen.getByRole('button', { name: 'About numbness' }));
    expect(session.view).toBe('numbness');
  });
});
