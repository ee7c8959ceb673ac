// About in Settings: which Glimmer this is and the database engine inside it,
// as the shell reports them; a missing answer hides nothing else.
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { EngineVersions } from '../lib/bindings/EngineVersions';
import { crisisInfo, settings } from '../test/fixtures';
import { answer, refuse } from '../test/ipc';
import { withOpenSession } from '../test/session';
import SettingsView from './Settings.svelte';

const versions: EngineVersions = { glimmer: '0.2.0', sqlite: '3.54.1', sqlcipher: '4.20.0 community' };

function open(engineVersions: unknown) {
  answer({
    get_settings: settings(),
    crisis_line: crisisInfo,
    crisis_countries: [crisisInfo.line],
    list_backups: [],
    engine_versions: engineVersions,
  });
  render(SettingsView);
}

withOpenSession();

describe('about', () => {
  it('shows the Glimmer and database engine versions', async () => {
    open(versions);
    const line = await screen.findByTestId('about-versions');
    expect(line.textContent).toBe('Glimmer 0.2.0 · database engine SQLite 3.54.1 with SQLCipher 4.20.0 community');
    expect(screen.getByRole('heading', { name: 'About' })).toBeTruthy();
  });

  it('says so plainly when the versions cannot be read', async () => {
    open(refuse('internal', 'no engine'));
    expect(await screen.findByText(/The version numbers can't be shown just now/)).toBeTruthy();
    expect(screen.queryByTestId('about-versions')).toBeNull();
    expect(screen.getByLabelText('Lock Glimmer when I have been away for')).toBeTruthy();
  });
});
