// "About numbness" points to where Glimmer supports each small help, and
// Today's glimmer box points to it.
import { fireEvent, render, screen } from '@testing-library/svelte';
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { session } from '../lib/session.svelte';
import { answer } from '../test/ipc';
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
