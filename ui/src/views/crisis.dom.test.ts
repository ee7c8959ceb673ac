// No wrong line for anyone: where Glimmer knows no line for the person, it
// shows the neutral card, never another country's (988 included), and setup
// asks for the country instead of offering one.
import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CrisisInfo } from '../lib/bindings/CrisisInfo';
import type { CrisisLine } from '../lib/bindings/CrisisLine';
import { session } from '../lib/session.svelte';
import CrisisCard from '../components/CrisisCard.svelte';
import { answer } from '../test/ipc';
import Onboarding from './Onboarding.svelte';

const GB: CrisisLine = { code: 'GB', country: 'United Kingdom', name: 'Samaritans', call: '116 123', text: '', emergency: '999', checked: '2026-12', more: [] };
const US: CrisisLine = { code: 'US', country: 'United States', name: '988 Suicide & Crisis Lifeline', call: '988', text: '988', emergency: '911', checked: '2026-12', more: [] };
const BE: CrisisLine = {
  code: 'BE',
  country: 'Belgium',
  name: 'Zelfmoordlijn 1813',
  call: '1813',
  text: '',
  emergency: '112',
  checked: '2026-12',
  more: [{ about: 'In French', name: 'Centre de Prévention du Suicide', call: '0800 32 123', text: '' }],
};
const unknown: CrisisInfo = { line: null, chosen: false, unreadable: null };

const saved = () =>
  vi
    .mocked(invoke)
    .mock.calls.filter(([cmd]) => cmd === 'set_crisis_line')
    .map(([, args]) => (args as { line: CrisisLine }).line);

/** Through the passphrase and the recovery key to the country question. */
async function toTheCountryQuestion() {
  session.phase = 'welcome';
  render(Onboarding);
  for (const id of ['new-passphrase', 'confirm-passphrase']) {
    await fireEvent.input(screen.getByTestId(id), { target: { value: 'Summer by the sea 2024' } });
  }
  await fireEvent.click(screen.getByTestId('create-vault'));
  await fireEvent.click(await screen.findByTestId('saved-key'));
  await fireEvent.click(screen.getByTestId('finish-setup'));
  return (await screen.findByTestId('crisis-country')) as HTMLSelectElement;
}

beforeEach(() => {
  vi.mocked(invoke).mockClear();
  session.needsNewPassphrase = false;
});
afterEach(() => vi.restoreAllMocks());

describe('onboarding', () => {
  const setup = (info: CrisisInfo) =>
    answer({
      passphrase_strength: { score: 4, label: '', hint: '' },
      create_vault: 'key-key',
      crisis_line: info,
      crisis_countries: [GB, US],
      set_crisis_line: (args?: Record<string, unknown>) => args?.line,
    });

  it('preselects no country when the system region is not in the table, and saving needs a choice', async () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-150');
    setup(unknown);
    const country = await toTheCountryQuestion();
    expect(country.value).toBe('');
    expect(country.selectedOptions[0].textContent).toBe('Choose your country');
    expect(screen.queryByTestId('crisis-call')).toBeNull();
    await fireEvent.click(screen.getByTestId('save-crisis'));
    expect((await screen.findByRole('alert')).textContent).toContain('Choose your country first');
    expect(saved()).toEqual([]);
    expect(session.phase).not.toBe('open');

    await fireEvent.change(country, { target: { value: 'GB' } });
    expect((screen.getByTestId('crisis-call') as HTMLInputElement).value).toBe('116 123');
    await fireEvent.click(screen.getByTestId('save-crisis'));
    await waitFor(() => expect(saved()).toEqual([GB]));
    expect(session.phase).toBe('open');
  });

  it('preselects the country of a system region that is in the table', async () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-GB');
    setup(unknown);
    expect((await toTheCountryQuestion()).value).toBe('GB');
  });

  it('lets a person outside the table type their own line', async () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('it-IT');
    setup(unknown);
    const country = await toTheCountryQuestion();
    await fireEvent.change(country, { target: { value: 'own' } });
    await fireEvent.input(screen.getByTestId('crisis-name'), { target: { value: 'My clinic' } });
    await fireEvent.input(screen.getByTestId('crisis-call'), { target: { value: '0123 456' } });
    await fireEvent.click(screen.getByTestId('save-crisis'));
    await waitFor(() =>
      expect(saved()).toEqual([{ code: '', country: '', name: 'My clinic', call: '0123 456', text: '', emergency: '', checked: '', more: [] }]),
    );
  });
});

describe('the crisis card', () => {
  it('for an unknown country shows the neutral card and no 988', async () => {
    answer({ crisis_line: unknown });
    render(CrisisCard);
    const card = await screen.findByTestId('crisis-card');
    await screen.findByTestId('crisis-neutral');
    expect(card.textContent).toContain('Call your local emergency number');
    expect(card.textContent).toContain('add your own in Settings');
    expect(card.textContent).not.toMatch(/988|911/);
    expect(screen.queryByTestId('crisis-call-number')).toBeNull();
  });

  it('for a file that cannot be read shows the neutral card and says so', async () => {
    const why = "Glimmer's crisis line file /v/crisis.json is damaged, so it could not be read and your line cannot be shown. Choose your line again to replace it.";
    answer({ crisis_line: { line: null, chosen: false, unreadable: why } });
    render(CrisisCard);
    expect((await screen.findByTestId('crisis-unreadable')).textContent).toBe(why);
    expect(screen.getByTestId('crisis-card').textContent).toContain('Call your local emergency number');
    expect(screen.getByTestId('crisis-card').textContent).not.toContain('988');
  });

  it('in the US still shows 988', async () => {
    answer({ crisis_line: { line: US, chosen: false, unreadable: null } });
    render(CrisisCard);
    expect((await screen.findByTestId('crisis-call-number')).textContent).toBe('988');
    expect(screen.getByTestId('crisis-card').textContent).toContain("built-in line for United States");
  });

  it('shows a further line as a number too, and the month the numbers were checked', async () => {
    answer({ crisis_line: { line: BE, chosen: true, unreadable: null } });
    render(CrisisCard);
    const more = await screen.findByTestId('crisis-more');
    expect(more.textContent).toBe('In French: Centre de Prévention du Suicide, call 0800 32 123.');
    expect(screen.getByTestId('crisis-more-number').textContent).toBe('0800 32 123');
    expect(screen.getByTestId('crisis-call-number').parentElement?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Call 1813. (Belgium)');
    const checked = screen.getByTestId('crisis-checked').textContent ?? '';
    expect(checked).toMatch(/^Checked .*2026$/);
    expect(checked).not.toContain('2026-12');
  });

  it('claims no check for a line the person typed', async () => {
    const mine: CrisisLine = { code: '', country: '', name: 'My clinic', call: '0123 456', text: '', emergency: '', checked: '', more: [] };
    answer({ crisis_line: { line: mine, chosen: true, unreadable: null } });
    render(CrisisCard);
    expect((await screen.findByTestId('crisis-call-number')).textContent).toBe('0123 456');
    expect(screen.queryByTestId('crisis-checked')).toBeNull();
    expect(screen.queryByTestId('crisis-more')).toBeNull();
    expect(screen.getByTestId('crisis-card').textContent).not.toContain('Checked');
  });
});
