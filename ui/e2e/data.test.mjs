// Your data, in the real app: an export that says it is plaintext and writes
// files only its owner can read, and a summary for a clinician to preview
// and print, with the journal's words only when ticked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, screenshot } from './harness.mjs';
import { a11y, answerPhq9, el, nav, setUp, shown, textOf, waitText, writeEntry } from './steps.mjs';

const SECRET = 'words for the journal alone';

/** Clicks a button brought to the middle of the window, clear of any toast at the bottom edge. */
async function press(b, id) {
  const button = await shown(b, id);
  await b.execute((e) => e.scrollIntoView({ block: 'center' }), button);
  await button.click();
}

test('Your data writes a private Markdown export and previews a summary with only what is ticked', async () => {
  const home = mkdtempSync(join(tmpdir(), 'glimmer-home-'));
  const app = await launch({ home });
  try {
    const b = app.browser;
    await setUp(b);
    await writeEntry(b, { title: 'By the river', body: SECRET });
    await b.keys(['Control', 'k']);
    const mood = await shown(b, 'checkin-mood');
    await b.execute((e) => e.focus(), mood);
    await b.keys('ArrowRight');
    await (await b.$('button=flat')).click();
    await (await el(b, 'save-checkin')).click();
    await shown(b, 'chart-mood');
    await answerPhq9(b, 0, '1');
    await (await shown(b, 'phq9-difficulty-1')).click();
    await (await el(b, 'phq9-finish')).click();
    await shown(b, 'phq9-result');

    await nav(b, 'Your data');
    assert.match(await textOf(b, 'plaintext-notice'), /not encrypted/);
    await press(b, 'export-markdown');
    assert.match(await textOf(b, 'export-ask'), /unencrypted/);
    await press(b, 'export-confirm');
    await waitText(b, 'export-done', 'Wrote 1 entry');
    const said = await textOf(b, 'export-done');
    const folder = said.slice(said.indexOf(' to ') + 4, -1);
    assert.ok(folder.startsWith(home), `a new folder in the home folder: ${said}`);
    const files = readdirSync(folder);
    assert.equal(files.length, 1);
    assert.match(files[0], /^\d{4}-\d{2}-\d{2} By the river\.md$/);
    assert.equal(statSync(folder).mode & 0o777, 0o700);
    assert.equal(statSync(join(folder, files[0])).mode & 0o777, 0o600);
    await screenshot(b, 'your-data.png');

    await press(b, 'summary-preview');
    const summary = await shown(b, 'summary');
    await b.waitUntil(async () => (await summary.getHTML()).includes('<svg'), { timeoutMsg: 'the summary never arrived' });
    const text = await summary.getText();
    assert.match(text, /Summary from Glimmer/);
    assert.match(text, /1 self-check in this period/);
    assert.match(text, /1 check-in on 1 day/);
    assert.ok(!text.includes(SECRET), 'no journal text unless ticked');
    await shown(b, 'summary-print');
    await a11y(b, 'your data with a summary');
    await b.execute((e) => e.scrollIntoView({ block: 'start' }), summary);
    await screenshot(b, 'summary-preview.png');
    await b.execute((e) => e.querySelector('[data-section="mood"]').scrollIntoView({ block: 'start' }), summary);
    await screenshot(b, 'summary-mood.png');

    await press(b, 'summary-journal');
    await press(b, 'summary-preview');
    await waitText(b, 'summary', SECRET);
  } finally {
    await app.close();
  }
});
