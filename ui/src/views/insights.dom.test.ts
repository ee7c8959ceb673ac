// A day with no mood or intensity given shows a dash in the tables, never a made-up 0.
import { render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { ActivationInsights } from '../lib/bindings/ActivationInsights';
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

describe('what planned activities add up to', () => {
  const activation: ActivationInsights = {
    predicted_vs_actual: [
      { occurrence: 'p1@2025-05-01', day: '2025-05-01', activity: 'Walk <outside>', predicted: 2, actual: 7 },
    ],
    mean_gap: 5,
    gap_sentence: null,
    gap_line: 'After three, the comparison shows here.',
    by_area: [
      { key: 'mind_body', label: 'Mind, body and spirituality', count: 1, enjoyment: 7, mastery: null },
      { key: 'work', label: 'Education and work', count: 0, enjoyment: null, mastery: null },
    ],
    by_activity: [],
    intensity: { after: [], days_with: 4.5, days_without: null, days_with_count: 2, days_without_count: 0 },
    intensity_sentence: 'On days with an activity, feeling intensity was 4.5.',
    week: [{ day: '2025-05-01', done: ['Walk <outside>'], partly: [], planned: 1 }],
  };

  it('says the gap in words and gives every chart a table, names as text', async () => {
    const asked: unknown[] = [];
    answer({
      insights_data: data,
      chart: '<svg></svg>',
      activation_insights: (a: unknown) => (asked.push(a), activation),
      activation_chart: (a: { kind: string } | undefined) => `<svg data-kind="${a?.kind}"></svg>`,
    });
    render(Insights);
    await waitFor(() => expect(screen.getByTestId('activation-gap').textContent).toBe('After three, the comparison shows here.'));
    // The last 30 days, as the range says.
    expect((asked[0] as { since: string }).since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const kind of ['predicted_actual', 'by_area', 'by_activity', 'intensity', 'week']) {
      expect(screen.getByTestId(`chart-activation-${kind}`).querySelector(`svg[data-kind="${kind}"]`)).toBeTruthy();
    }
    const cells = [...screen.getByTestId('table-predicted-actual').querySelectorAll('td')].map((td) => td.textContent);
    expect(cells).toEqual(['2025-05-01', 'Walk <outside>', '2', '7']);
    // Areas with nothing done stay out of the table; no answer is a dash.
    const areaRows = screen.getByTestId('chart-activation-by_area').querySelectorAll('tbody tr');
    expect([...areaRows].map((tr) => tr.textContent)).toEqual(['Mind, body and spirituality17—']);
    expect(screen.getByTestId('chart-activation-intensity').textContent).toContain('On days with an activity, feeling intensity was 4.5.');
  });
});
