// Your data: exports that say they are plaintext before anything is
// written, and a summary for a clinician with only the parts ticked.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { invoke } from '@tauri-apps/api/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../lib/session.svelte';
import { tabsOf } from '../lib/views';
import { answer, callsOf, markCalls, refuse } from '../test/ipc';
import YourData from './YourData.svelte';

const summary =
  '<div class="glimmer-summary"><header><h1>Summary from Glimmer</h1></header><section class="part" data-section="mood"><h2>Mood and feeling intensity</h2><p>2 check-ins &lt;b&gt;</p></section></div>';

beforeEach(() => {
  session.phase = 'open';
  vi.mocked(invoke).mockClear();
  markCalls();
});
afterEach(() => vi.restoreAllMocks());

const replies = {
  export_files: (args: Record<string, unknown> | undefined) => ({
    path: (args?.folder as string | null) ?? '/home/sam/Documents/Glimmer export 2026-03-01',
    files: 3,
    summary: '3 entries and 0 pictures',
  }),
  clinician_summary: summary,
};

describe('your data', () => {
  it('is a tab of Settings, so the sidebar keeps its places', () => {
    expect(tabsOf('data').map((v) => v.id)).toEqual(['settings', 'data']);
  });

  it('says the files are not encrypted, and writes only after a yes', async () => {
    answer(replies);
    render(YourData);
    expect(screen.getByTestId('plaintext-notice').textContent).toMatch(/not encrypted/);
    await fireEvent.click(screen.getByTestId('export-markdown'));
    const ask = screen.getByTestId('export-ask');
    expect(ask.textContent).toContain('unencrypted');
    expect(ask.textContent).toContain('a new folder in Documents');
    expect(callsOf('export_files')).toEqual([]);
    await fireEvent.click(screen.getByTestId('export-confirm'));
    const done = await screen.findByTestId('export-done');
    expect(done.textContent).toBe('Wrote 3 entries and 0 pictures to /home/sam/Documents/Glimmer export 2026-03-01.');
    expect(callsOf('export_files')).toEqual([{ format: 'markdown', folder: null }]);
    expect(screen.queryByTestId('export-ask')).toBeNull();
  });

  it('writes everything as Glimmer JSON after the same yes', async () => {
    answer(replies);
    render(YourData);
    await fireEvent.click(screen.getByTestId('export-json'));
    expect(screen.getByTestId('export-ask').textContent).toContain('Glimmer JSON');
    expect(screen.getByTestId('export-ask').textContent).toContain('unencrypted');
    expect(callsOf('export_files')).toEqual([]);
    await fireEvent.click(screen.getByTestId('export-confirm'));
    await screen.findByTestId('export-done');
    expect(callsOf('export_files')).toEqual([{ format: 'json', folder: null }]);
  });

  it('writes into the folder typed, and "Not now" writes nothing', async () => {
    answer(replies);
    render(YourData);
    await fireEvent.input(screen.getByTestId('export-folder'), { target: { value: '  ~/Glimmer/tables.zip ' } });
    await fireEvent.click(screen.getByTestId('export-csv'));
    await fireEvent.click(screen.getByText('Not now'));
    expect(screen.queryByTestId('export-ask')).toBeNull();
    await fireEvent.click(screen.getByTestId('export-csv'));
    expect(screen.getByTestId('export-ask').textContent).toContain('~/Glimmer/tables.zip');
    await fireEvent.click(screen.getByTestId('export-confirm'));
    await screen.findByTestId('export-done');
    expect(callsOf('export_files')).toEqual([{ format: 'csv', folder: '~/Glimmer/tables.zip' }]);
  });

  it("shows the core's refusal and keeps the question open", async () => {
    answer({ ...replies, export_files: refuse('invalid', 'There is already something at /x; choose a new name.') });
    render(YourData);
    await fireEvent.click(screen.getByTestId('export-markdown'));
    await fireEvent.click(screen.getByTestId('export-confirm'));
    expect((await screen.findByRole('alert')).textContent).toContain('choose a new name');
    expect(screen.getByTestId('export-ask')).toBeTruthy();
  });
});

describe('a summary for a clinician', () => {
  it('asks for the parts ticked, journal text only when ticked, shows the markup and prints it', async () => {
    answer(replies);
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    render(YourData);
    expect((screen.getByTestId('summary-journal') as HTMLInputElement).checked).toBe(false);
    await fireEvent.input(screen.getByTestId('summary-from'), { target: { value: '2026-01-01' } });
    await fireEvent.input(screen.getByTestId('summary-to'), { target: { value: '2026-02-28' } });
    await fireEvent.click(screen.getByTestId('summary-phq9'));
    await fireEvent.click(screen.getByTestId('summary-preview'));
    const shown = await screen.findByTestId('summary');
    expect(shown.querySelector('[data-section="mood"]')).toBeTruthy();
    expect(shown.textContent).toContain('2 check-ins <b>');
    expect(callsOf('clinician_summary')).toEqual([
      { options: { from: '2026-01-01', to: '2026-02-28', include: ['mood', 'activities', 'practice'] } },
    ]);

    await fireEvent.click(screen.getByTestId('summary-journal'));
    await fireEvent.click(screen.getByTestId('summary-preview'));
    await waitFor(() => expect(callsOf('clinician_summary')).toHaveLength(2));
    expect(callsOf('clinician_summary')[1].options).toMatchObject({ include: ['mood', 'activities', 'practice', 'journal'] });

    await fireEvent.click(screen.getByTestId('summary-print'));
    expect(print).toHaveBeenCalledOnce();
  });

  it('says why when the summary cannot be made', async () => {
    answer({ ...replies, clinician_summary: refuse('invalid', 'Tick at least one part to put in the summary.') });
    render(YourData);
    await fireEvent.click(screen.getByTestId('summary-preview'));
    expect((await screen.findByRole('alert')).textContent).toBe('Tick at least one part to put in the summary.');
    expect(screen.queryByTestId('summary-print')).toBeNull();
  });
});
