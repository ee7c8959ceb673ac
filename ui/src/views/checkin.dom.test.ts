// A check-in saves only what the person chose: a slider left alone or marked
// "I can't tell" is sent as null, never as where the thumb happened to rest.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { invoke } from '@tauri-apps/api/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Checkin } from '../lib/bindings/Checkin';
import type { CheckinInput } from '../lib/bindings/CheckinInput';
import { session } from '../lib/session.svelte';
import { dismiss } from '../lib/toast.svelte';
import { answer, refuse } from '../test/ipc';
import CheckIn from './CheckIn.svelte';

const vocabulary = {
  groups: [{ quadrant: 'numb', label: 'Numb or far away', words: ['flat', 'foggy'] }],
  body_areas: ['chest'],
};

function checkin(fields: Partial<Checkin> = {}): Checkin {
  return {
    id: 'c1',
    created_at: '2025-05-01T09:00:00Z',
    updated_at: '2025-05-01T09:00:00Z',
    tz: 'UTC',
    mood: null,
    intensity: null,
    energy: null,
    emotions: ['flat'],
    body_areas: [],
    note: '',
    ...fields,
  };
}

/** Mounts the view with the replies given; returns what create_checkin was sent. */
async function open(replies: Record<string, unknown> = {}) {
  const sent: CheckinInput[] = [];
  answer({
    checkin_vocabulary: vocabulary,
    recent_checkins: [],
    create_checkin: (args?: Record<string, unknown>) => {
      sent.push(args?.input as CheckinInput);
      return checkin();
    },
    ...replies,
  });
  render(CheckIn);
  await screen.findByRole('button', { name: 'flat' });
  return sent;
}

const field = (id: string) => screen.getByTestId(id) as HTMLInputElement;

beforeEach(() => {
  session.phase = 'open';
  session.view = 'checkin';
  vi.mocked(invoke).mockClear();
});
afterEach(() => {
  dismiss();
  vi.restoreAllMocks();
});

describe('check-in answers', () => {
  it('starts with both sliders not chosen, and says so to a screen reader', async () => {
    await open();
    expect(field('checkin-mood').getAttribute('aria-valuetext')).toBe('not chosen yet');
    expect(field('checkin-intensity').getAttribute('aria-valuetext')).toBe('not chosen yet');
  });

  it('sends null mood and intensity for "I can\'t tell"', async () => {
    const sent = await open();
    await fireEvent.click(screen.getByTestId('checkin-mood-cant-tell'));
    await fireEvent.click(screen.getByTestId('checkin-intensity-cant-tell'));
    expect(screen.getByTestId('checkin-mood-cant-tell').getAttribute('aria-pressed')).toBe('true');
    expect(field('checkin-mood').getAttribute('aria-valuetext')).toBe("I can't tell");
    await fireEvent.input(screen.getByTestId('checkin-note'), { target: { value: 'foggy all morning' } });
    await fireEvent.click(screen.getByTestId('save-checkin'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ mood: null, intensity: null, energy: null, note: 'foggy all morning' });
    expect(session.view).toBe('insights');
  });

  it('sends a slider only once it is moved', async () => {
    const sent = await open();
    await fireEvent.input(field('checkin-mood'), { target: { value: '2' } });
    expect(field('checkin-mood').getAttribute('aria-valuetext')).toBe('good');
    await fireEvent.click(screen.getByTestId('save-checkin'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ mood: 2, intensity: null });
  });

  it('explains kindly that any one thing is enough, and sends nothing, when nothing is chosen', async () => {
    const sent = await open();
    const why = screen.getByTestId('checkin-why');
    expect(why.textContent).toBe('');
    await fireEvent.click(screen.getByTestId('save-checkin'));
    expect(why.getAttribute('role')).toBe('status');
    expect(why.textContent).toContain('Any one thing is enough');
    expect(screen.getByTestId('save-checkin').getAttribute('aria-describedby')).toBe(why.id);
    expect(sent).toHaveLength(0);
    expect(vi.mocked(invoke).mock.calls.map(([cmd]) => cmd)).not.toContain('create_checkin');

    // "I can't tell" alone is saved as no answer, so it still needs one more thing, and says so.
    await fireEvent.click(screen.getByTestId('checkin-mood-cant-tell'));
    await fireEvent.click(screen.getByTestId('save-checkin'));
    expect(why.textContent).toContain('add any one more thing');
    expect(sent).toHaveLength(0);

    // Choosing something clears the explanation.
    await fireEvent.click(screen.getByRole('button', { name: 'flat' }));
    expect(why.textContent).toBe('');
  });

  it("shows the core's own sentence when it refuses a check-in", async () => {
    const sentence = 'Nothing is chosen yet. Any one thing is enough: a word, a note, or “I can’t tell” with a few words about it.';
    await open({ create_checkin: refuse('invalid', sentence) });
    await fireEvent.click(screen.getByRole('button', { name: 'flat' }));
    await fireEvent.click(screen.getByTestId('save-checkin'));
    expect((await screen.findByRole('alert')).textContent).toBe(`Your check-in isn't saved yet. ${sentence}`);
  });
});

describe('earlier check-ins', () => {
  it('lists no answer as a dash, and opens it for editing as "I can\'t tell"', async () => {
    await open({ recent_checkins: [checkin({ mood: null, intensity: 3 })] });
    const item = await screen.findByText(/mood —/);
    expect(item.textContent).toContain('feeling 3/10');
    expect(item.textContent).not.toContain('null');
    await fireEvent.click(screen.getByRole('button', { name: /^Edit/ }));
    expect(screen.getByTestId('checkin-mood-cant-tell').getAttribute('aria-pressed')).toBe('true');
    expect(field('checkin-mood').getAttribute('aria-valuetext')).toBe("I can't tell");
    expect(field('checkin-intensity').value).toBe('3');
    expect(field('checkin-intensity').getAttribute('aria-valuetext')).toBe('3 of 10');
  });
});
