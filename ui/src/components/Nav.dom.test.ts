// The navigation comes from the view list (lib/views.ts): seven places in the
// order of a day, help and the safety plan one click away, the rest as tabs.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { session } from '../lib/session.svelte';
import { tick } from 'svelte';
import { tabsOf, viewForShortcut } from '../lib/views';
import Nav from './Nav.svelte';

describe('navigation from the view list', () => {
  it('lists the views in their order, with their shortcuts', () => {
    render(Nav);
    const links = within(screen.getByRole('list')).getAllByRole('button');
    expect(links.map((b) => b.textContent)).toEqual(['Today', 'Journal', 'Check in', 'Plan', 'Breathe', 'Insights', 'Settings']);
    expect(links.map((b) => b.getAttribute('title'))).toEqual(['Ctrl+D', null, 'Ctrl+K', null, 'Ctrl+B', null, null]);
    expect(screen.getByTestId('help-now')).toBeTruthy();
    expect(screen.getByTestId('nav-safety-plan').textContent).toBe('My safety plan');
    expect(screen.getByRole('button', { name: 'Write' }).getAttribute('title')).toBe('Ctrl+N');
    expect(screen.getByTestId('lock').getAttribute('title')).toBe('Ctrl+L');
  });

  it('goes where a link or a shortcut says', async () => {
    render(Nav);
    await fireEvent.click(screen.getByRole('button', { name: 'Journal' }));
    expect(session.view).toBe('journal');
    expect(screen.getByRole('button', { name: 'Journal' }).getAttribute('aria-current')).toBe('page');
    expect(viewForShortcut('checkin')).toBe('checkin');
    // A view inside a place shows that place as current, and its tabs.
    expect(viewForShortcut('search')).toBe('search');
    expect(tabsOf('search').map((t) => t.tab ?? t.label)).toEqual(['Entries', 'Search']);
    expect(tabsOf('phq9').map((t) => t.id)).toEqual(['checkin', 'phq9']);
    expect(tabsOf('activities').map((t) => t.id)).toEqual(['plan', 'activities']);
    expect(tabsOf('breathe')).toEqual([]);
    session.view = 'phq9';
    await tick();
    expect(screen.getByRole('button', { name: 'Check in' }).getAttribute('aria-current')).toBe('page');
    expect(viewForShortcut('lock')).toBeNull();
  });
});
