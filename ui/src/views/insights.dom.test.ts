// A day with no mood or intensity given shows a dash in the tables, never a made-up 0.
import { render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { InsightsData } from '../lib/bindings/InsightsData';
import { answer } from '../test/ipc';
import Insights from './Insights.svelte';

const data: InsightsData = {
  days: [
    { date: '2025-05-01', mood: 1.25, intensity: null, glimmers: 1 },
    { date: '2025-05-02', mood: null, intensity: 0, glimmers: 0 },
  ],
  emotions: [],
  phq9: [],
};

describe('insights tables', () => {
  it('show a dash for no answer and keep a real 0', async () => {
    answer({ insights_data: data, chart: '<svg></svg>' });
    render(Insights);
    await waitFor(() => expect(screen.getByTestId('table-mood')).toBeTruthy());
    const rows = [...screen.getByTestId('table-mood').querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(rows).toEqual([
      ['2025-05-01', '1.3', '—', '1'],
      ['2025-05-02', '—', '0', '0'],
    ]);
  });
});
