// One journal on two computers, in the real app: the first starts syncing
// through a folder from Settings; a second joins it at setup; a change made
// on the first (through the command line, as another computer would) appears
// in the open app without a restart. The folder holds no plaintext.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, screenshot } from './harness.mjs';
import { PASS, a11y, el, nav, setUp, shown, waitText, writeEntry } from './steps.mjs';

const CLI = process.env.GLIMMER_CLI_BIN ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../target/debug/glimmer');

/** `glimmer` on the first computer's vault, as a script would run it. */
function cli(vault, passFile, ...args) {
  const run = spawnSync(CLI, ['--vault', vault, '--password-file', passFile, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(run.status, 0, `glimmer ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/** Every file under `dir`, as bytes. */
function allBytes(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => readFileSync(f));
}

test('a second computer joins at setup, and a change made on the first appears in the open app', async () => {
  const work = mkdtempSync(join(tmpdir(), 'glimmer-sync-'));
  const folder = join(work, 'Sync', 'Glimmer');
  const passFile = join(work, 'pass');
  writeFileSync(passFile, `${PASS}\n`, { mode: 0o600 });

  // The first computer: a journal with one entry, then sync from Settings.
  const first = await launch();
  const firstVault = first.vaultDir;
  try {
    const b = first.browser;
    await setUp(b);
    await writeEntry(b, { title: 'Marmalade', body: 'The orange light on the kettle this morning.' });
    await nav(b, 'Settings');
    const field = await shown(b, 'sync-folder');
    await b.execute((e) => e.scrollIntoView({ block: 'center' }), field);
    await field.setValue(folder);
    await (await el(b, 'sync-start')).click();
    await waitText(b, 'sync-said', 'Synced');
    await shown(b, 'sync-devices');
    await a11y(b, 'sync settings');
    await b.execute((e) => e.scrollIntoView({ block: 'center' }), await el(b, 'sync-section'));
    await screenshot(b, 'sync-settings.png');
  } finally {
    await first.close();
  }
  for (const bytes of allBytes(folder)) {
    for (const word of ['Marmalade', 'orange light', 'kettle']) {
      assert.ok(!bytes.includes(Buffer.from(word)), `the sync folder holds “${word}” in plaintext`);
    }
  }

  // The second computer joins at setup with the same passphrase.
  const second = await launch();
  try {
    const b = second.browser;
    await (await shown(b, 'join-instead')).click();
    await (await shown(b, 'join-folder')).setValue(folder);
    await (await el(b, 'join-secret')).setValue('not the passphrase');
    await (await el(b, 'join-start')).click();
    await shown(b, 'join-error');
    await (await el(b, 'join-secret')).setValue(PASS);
    await a11y(b, 'join');
    await (await el(b, 'join-start')).click();
    await shown(b, 'crisis-form');
    await (await el(b, 'crisis-country')).selectByVisibleText('United States');
    await (await shown(b, 'save-crisis')).click();
    await shown(b, 'glimmer-text');
    await nav(b, 'Journal');
    await b.waitUntil(async () => (await b.execute(() => document.body.innerText)).includes('Marmalade'), {
      timeoutMsg: 'the joined journal never showed the first computer’s entry',
    });

    // Meanwhile on the first computer: a new entry, and its sync.
    cli(firstVault, passFile, 'write', '--title', 'Written later', 'A blackbird on the fence.');
    cli(firstVault, passFile, 'sync', 'now');
    await b.waitUntil(async () => (await b.execute(() => document.body.innerText)).includes('Written later'), {
      timeout: 20000,
      timeoutMsg: 'the change from the other computer never appeared in the open app',
    });
    await screenshot(b, 'sync-arrived.png');

    // The same entry changed on both computers before either saw the other's
    // change: the Journal shows both kept, and merging opens one entry with both.
    const entries = JSON.parse(cli(firstVault, passFile, 'list', '--json'));
    const marmalade = entries.find((e) => e.title === 'Marmalade');
    cli(firstVault, passFile, 'edit', marmalade.id, 'Changed on the first computer: the kettle sang.');
    const card = await b.waitUntil(
      async () => {
        for (const c of await b.$$('[data-testid="entry-card"]')) {
          if ((await c.getText()).includes('Marmalade')) return c;
        }
        return false;
      },
      { timeoutMsg: 'the entry to change is not in the Journal' },
    );
    await (await card.$('button.entry-open')).click();
    await (await shown(b, 'entry-body')).setValue('Changed on the second computer: the light was amber.');
    await b.keys(['Control', 's']);
    await waitText(b, 'editor-status', 'Saved');
    await nav(b, 'Journal');
    // The open app writes its change within seconds; the first computer then
    // reads it, keeps both, and writes the copy for the second to read.
    await new Promise((r) => setTimeout(r, 5000));
    cli(firstVault, passFile, 'sync', 'now');
    await shown(b, 'edited-twice', 20000);
    await a11y(b, 'edited on two computers');
    await screenshot(b, 'sync-edited-twice.png');
    await (await el(b, 'merge-copy')).click();
    await b.waitUntil(
      async () => {
        const body = await (await shown(b, 'entry-body')).getValue();
        return body.includes('the kettle sang') && body.includes('the light was amber');
      },
      { timeoutMsg: 'the merged entry does not hold both versions' },
    );
    await waitText(b, 'toast', 'Both versions are in one entry');
  } finally {
    await second.close();
    rmSync(work, { recursive: true, force: true });
  }
});
