// Your data, in the real app: an export that says it is plaintext and writes
// files only its owner can read, and a summary for a clinician to preview
// and print, with the journal's words only when ticked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** A small Daylio export made here, newest first, over the last few days: one mood of its own ("sleepy"). */
function daylioFile(dir) {
  const day = (back) => {
    const d = new Date();
    d.setDate(d.getDate() - back);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  };
  const rows = [
    'full_date,date,weekday,time,mood,activities,note_title,note',
    `${day(1)},x,x,9:15 pm,sleepy,"reading | tea","Slow evening","The tea was warm.<br>That was enough."`,
    `${day(2)},x,x,10:04 AM,good,"walk","Out by the river","Saw a heron &amp; stopped."`,
    `${day(3)},x,x,14:03,sleepy,"","",""`,
  ];
  const file = join(dir, 'daylio_export.csv');
  writeFileSync(file, `\ufeff${rows.join('\n')}\n`);
  return file;
}

test('a Daylio file comes in through the preview, its own mood placed by the person, and shows in the Journal and Insights', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'glimmer-import-'));
  const file = daylioFile(dir);
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    await nav(b, 'Your data');
    await (await el(b, 'import-file')).addValue(file);
    await shown(b, 'import-preview');
    await waitText(b, 'import-holds', '2 journal entries, 3 check-ins');
    // "sleepy" is the file's own: the import waits for its place.
    await shown(b, 'import-unmapped');
    assert.equal(await (await el(b, 'import-confirm')).isEnabled(), false, 'Import waits for the mood to be placed');
    assert.equal(await (await el(b, 'import-mood-good')).getValue(), '2', 'Daylio’s own “good” sits at +2');
    await a11y(b, 'import preview');
    await b.execute((e) => e.scrollIntoView({ block: 'center' }), await el(b, 'import-moods'));
    await screenshot(b, 'import-preview.png');
    await (await el(b, 'import-mood-sleepy')).selectByAttribute('value', '-1');
    await b.waitUntil(async () => !(await (await el(b, 'import-unmapped')).isExisting()), {
      timeoutMsg: 'the preview still asked for the mood after it was placed',
    });
    await press(b, 'import-confirm');
    await waitText(b, 'import-done', 'Imported 2 journal entries and 3 check-ins');
    assert.match(await textOf(b, 'import-done'), /marked “before import”/, 'the backup from just before is named');
    await b.execute((e) => e.scrollIntoView({ block: 'center' }), await el(b, 'import-done'));
    await screenshot(b, 'import-done.png');

    // The same file again adds nothing.
    await (await el(b, 'import-file')).addValue(file);
    await shown(b, 'import-preview');
    await (await el(b, 'import-mood-sleepy')).selectByAttribute('value', '-1');
    await b.waitUntil(async () => (await (await el(b, 'import-confirm')).isEnabled()), { timeoutMsg: 'the second import never became possible' });
    await press(b, 'import-confirm');
    await waitText(b, 'import-done', 'Imported 0 journal entries and 0 check-ins');
    await waitText(b, 'import-done', '5 records were already here');

    // Everything goes out again as one Glimmer JSON file, only its owner can read.
    const out = join(dir, 'everything.json');
    await (await el(b, 'export-folder')).setValue(out);
    await press(b, 'export-json');
    await press(b, 'export-confirm');
    await waitText(b, 'export-done', 'everything in your vault');
    assert.equal(statSync(out).mode & 0o777, 0o600);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(doc.entries.length, 2, 'the two imported entries are in the export');

    await press(b, 'import-see-journal');
    await b.waitUntil(async () => (await b.$$('[data-testid="entry-card"]')).length === 2, {
      timeoutMsg: 'the Journal never showed the two imported entries',
    });
    const cards = await b.execute(() => [...document.querySelectorAll('[data-testid="entry-card"]')].map((c) => c.textContent));
    assert.ok(cards.some((c) => c.includes('Slow evening')), `the newest entry is there: ${cards}`);
    assert.ok(cards.some((c) => c.includes('heron & stopped')), `the note's HTML became text: ${cards}`);

    await nav(b, 'Insights');
    await shown(b, 'chart-mood');
    await (await b.$('[data-testid="chart-mood"] summary')).click();
    await b.waitUntil(
      async () =>
        (await b.execute(() =>
          [...document.querySelectorAll('[data-testid="table-mood"] tbody tr')].map((r) => r.children[1].textContent).join(' '),
        )) === '-1 2 -1',
      { timeoutMsg: 'Insights never showed the imported moods (−1, +2, −1 over three days)' },
    );
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
