// The navigation comes from the view list (lib/views.ts) and looks as it always did.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { session } from '../lib/session.svelte';
import { viewForShortcut } from '../lib/views';
import Nav from './Nav.svelte';

describe('navigation from the view list', () => {
  it('lists the views in their order, with their shortcuts', () => {
    render(Nav);
    const links = within(screen.getByRole('list')).getAllByRole('button');
    expect(links.map((b) => b.textContent)).toEqual([
      'Today', 'Check in', 'Plan', 'Activities', 'Breathe', 'Journal', 'Search', 'Insights', 'Self-check', 'Safety plan', 'Settings', 'About numbness',
    ]);
    expect(links.map((b) => b.getAttribute('title'))).toEqual(['Ctrl+D', 'Ctrl+K', null, null, 'Ctrl+B', null, 'Ctrl+F', null, null, null, null, null]);
    expect(screen.getByTestId('help-now')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Write' }).getAttribute('title')).toBe('Ctrl+N');
    expect(screen.getByTestId('lock').getAttribute('title')).toBe('Ctrl+L');
  });

  it('goes where a link or a shortcut says', async () => {
    render(Nav);
    await fireEvent.click(screen.getByRole('button', { name: 'Journal' }));
    expect(session.view).toBe('journal');
    expect(screen.getByRole('button', { name: 'Journal' }).getAttribute('aria-current')).toBe('page');
    expect(viewForShortcut('checkin')).toBe('checkin');
    expect(viewForShortcut('lock')).toBeNull();
  });
});
