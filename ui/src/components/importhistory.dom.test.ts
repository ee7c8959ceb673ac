// Bringing history in: nothing is written before the preview is answered, the
// person's own moods are placed first, problems are named and left out only
// when chosen, and progress and the result are said in words.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { invoke } from '@tauri-apps/api/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportPreview } from '../lib/bindings/ImportPreview';
import { session } from '../lib/session.svelte';
import { answer, callsOf, markCalls, refuse } from '../test/ipc';
import ImportHistory from './ImportHistory.svelte';

beforeEach(() => {
  session.phase = 'open';
  vi.mocked(invoke).mockClear();
  markCalls();
});
afterEach(() => vi.restoreAllMocks());

const preview = (over: Partial<ImportPreview> = {}): ImportPreview => ({
  format: 'daylio',
  entries: 2,
  checkins: 3,
  more: [],
  first_day: '2024-01-01',
  last_day: '2024-01-03',
  moods: [
    { name: 'good', count: 1, level: 2, source: 'default' },
    { name: 'sleepy', count: 2, level: null, source: 'missing' },
  ],
  time_zone: 'Daylio keeps no time zone, so its times are read as local to Europe/Berlin, this computer’s zone.',
  notes: [],
  problems: [],
  ...over,
});

/** The typed-path way in: what the file button does too, without a file dialog in jsdom. */
async function readPath(path = '~/Downloads/daylio.csv') {
  await fireEvent.click(screen.getByText('Or type where it is'));
  await fireEvent.input(screen.getByTestId('import-path'), { target: { value: path } });
  await fireEvent.click(screen.getByTestId('import-read-path'));
  return screen.findByTestId('import-preview');
}

const placed = (moods: ImportPreview['moods']) => moods.map((m) => (m.level === null ? { ...m, level: -1, source: 'yours' as const } : m));

describe('importing history', () => {
  it('shows what the file holds and waits for the person’s own mood before importing', async () => {
    answer({
      import_choose: () => preview(),
      import_preview: () => preview({ moods: placed(preview().moods) }),
      import_run: (args: Record<string, unknown> | undefined) => {
        const progress = args?.onProgress as { onmessage: (s: unknown) => void };
        progress.onmessage({ step: 'writing', done: 2, total: 5 });
        return { backup: 'before-import-2024-01-04', entries_added: 2, checkins_added: 3, more_added: 0, already_there: 0, left_out: 0 };
      },
    });
    render(ImportHistory);
    await readPath();
    expect(screen.getByTestId('import-holds').textContent).toBe(
      'This Daylio file holds 2 journal entries, 3 check-ins, from 2024-01-01 to 2024-01-03.',
    );
    const [chose] = vi.mocked(invoke).mock.calls.filter(([c]) => c === 'import_choose');
    expect((chose[2] as { headers: Record<string, string> }).headers['import-path']).toBe(encodeURIComponent('~/Downloads/daylio.csv'));
    expect(screen.getByTestId('import-unmapped').textContent).toMatch(/One mood is your own/);
    expect((screen.getByTestId('import-confirm') as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.change(screen.getByTestId('import-mood-sleepy'), { target: { value: '-1' } });
    await waitFor(() => expect(screen.queryByTestId('import-unmapped')).toBeNull());
    expect(callsOf('import_preview')).toEqual([{ options: { from: null, moodMap: { sleepy: -1 }, tz: null } }]);
    expect(callsOf('import_run')).toEqual([]);

    await fireEvent.click(screen.getByTestId('import-confirm'));
    const done = await screen.findByTestId('import-done');
    expect(done.textContent).toMatch(/Imported 2 journal entries and 3 check-ins\./);
    expect(done.textContent).toContain('marked “before import”');
    expect(callsOf('import_run')[0]).toMatchObject({ options: { moodMap: { sleepy: -1 } }, skipBad: false });
    expect(screen.queryByTestId('import-preview')).toBeNull();
  });

  it('names each problem by its line and imports the rest only when asked', async () => {
    const bad = preview({
      moods: placed(preview().moods),
      problems: [{ place: { kind: 'line', at: 7 }, message: 'The date “31 Feb” is not a day.' }],
    });
    answer({
      import_choose: () => bad,
      import_run: { backup: 'b', entries_added: 1, checkins_added: 2, more_added: 0, already_there: 0, left_out: 1 },
    });
    render(ImportHistory);
    await readPath();
    const problems = screen.getByTestId('import-problems');
    expect(problems.textContent).toContain('One record cannot be imported');
    expect(problems.textContent).toContain('Line 7: The date “31 Feb” is not a day.');
    const confirm = screen.getByTestId('import-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('import-skip-bad'));
    expect(confirm.disabled).toBe(false);
    await fireEvent.click(confirm);
    expect((await screen.findByTestId('import-done')).textContent).toMatch(/1 record with a problem was left out/);
    expect(callsOf('import_run')[0]).toMatchObject({ skipBad: true });
  });

  it('“Not now” lets the file go, and a file Glimmer cannot read is said in plain words', async () => {
    answer({
      import_choose: refuse('invalid', 'Glimmer does not recognise this file.'),
      import_forget: null,
    });
    render(ImportHistory);
    await fireEvent.click(screen.getByText('Or type where it is'));
    await fireEvent.input(screen.getByTestId('import-path'), { target: { value: '/tmp/x.bin' } });
    await fireEvent.click(screen.getByTestId('import-read-path'));
    expect((await screen.findByTestId('import-error')).textContent).toBe('Glimmer does not recognise this file.');
    expect(screen.queryByTestId('import-preview')).toBeNull();

    answer({ import_choose: () => preview({ moods: [] }), import_forget: null });
    await fireEvent.click(screen.getByTestId('import-read-path'));
    await screen.findByTestId('import-preview');
    expect(screen.queryByTestId('import-error')).toBeNull();
    await fireEvent.click(screen.getByText('Not now'));
    expect(screen.queryByTestId('import-preview')).toBeNull();
    expect(callsOf('import_forget')).toHaveLength(1);
  });
});
