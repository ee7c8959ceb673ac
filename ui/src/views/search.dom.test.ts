// Search as you type: one search at a time, and what shows is always the
// answer for the latest text, however the keys and answers interleave.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SearchResults } from '../lib/bindings/SearchResults';
import { entrySummary } from '../test/fixtures';
import { answer, callsOf, markCalls } from '../test/ipc';
import { withOpenSession } from '../test/session';
import Search from './Search.svelte';

withOpenSession();
beforeEach(markCalls);

describe('search as you type', () => {
  it('never has two searches in flight and shows the answer for the last text', async () => {
    const waiting: (() => void)[] = [];
    let inFlight = 0;
    let most = 0;
    answer({
      tags: [],
      search: (a: { query: { text: string } } | undefined) =>
        new Promise<SearchResults>((done) => {
          inFlight++;
          most = Math.max(most, inFlight);
          const text = a?.query.text ?? '';
          waiting.push(() => {
            inFlight--;
            done({ hits: [{ entry: entrySummary({ id: text, title: `hit for ${text}` }), title_html: `hit for ${text}`, snippet_html: '', score: 1 }], has_more: false });
          });
        }),
    });
    render(Search);
    const field = screen.getByTestId('search-input');
    await fireEvent.input(field, { target: { value: 'n' } });
    await waitFor(() => expect(waiting).toHaveLength(1));
    // Typed while the first search runs: held, then one search for the latest text.
    for (const t of ['nu', 'num', 'numb']) await fireEvent.input(field, { target: { value: t } });
    await new Promise((r) => setTimeout(r, 200));
    expect(waiting).toHaveLength(1);
    waiting.shift()?.();
    await waitFor(() => expect(waiting).toHaveLength(1));
    waiting.shift()?.();
    await waitFor(() => expect(screen.getByTestId('search-results').textContent).toContain('hit for numb'));
    expect(callsOf('search').map((c) => (c.query as { text: string }).text)).toEqual(['n', 'numb']);
    expect(most).toBe(1);
  });
});
