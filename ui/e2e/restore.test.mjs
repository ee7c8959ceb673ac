// A journal that cannot open: the lock screen offers the backups, and a
// restore from there brings the entries back (issue 17).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { launch, screenshot } from './harness.mjs';
import { a11y, el, nav, setUp, shown, textOf, unlock, waitText, writeEntry } from './steps.mjs';

/** Waits until the entry cards on screen name every title (read in the page: the list may re-render meanwhile). */
async function cardsShow(b, titles, where) {
  let seen = '';
  await b.waitUntil(
    async () => {
      seen = await b.execute(() =>
        [...document.querySelectorAll('[data-testid="entry-card"]')].map((c) => c.textContent).join('\n'),
      );
      return titles.every((t) => seen.includes(t));
    },
    { timeout: 15000, timeoutMsg: `${where} never showed ${titles.join(', ')}` },
  );
  return seen;
}

test('a damaged journal is restored from the lock screen and its entries are back', async () => {
  let app = await launch();
  const { vaultDir, home } = app;
  try {
    let b = app.browser;
    await setUp(b);
    await writeEntry(b, { title: 'Morning light', body: 'Sun on the kitchen floor for a minute.' });
    await writeEntry(b, { title: 'Warm bread', body: 'The smell from the bakery on the corner.' });
    await nav(b, 'Settings');
    await (await shown(b, 'backup-now')).click();
    await waitText(b, 'backup-list', '2 entries');
    await app.close();

    // The journal is cut to nothing, as a full disk or a bad copy can leave it.
    const db = join(vaultDir, 'vault.sqlite');
    truncateSync(db, 0);
    for (const side of ['-wal', '-shm']) rmSync(db + side, { force: true });

    app = await launch({ vaultDir, home });
    b = app.browser;
    await unlock(b);
    await waitText(b, 'unlock-damaged', 'newest sound backup');
    assert.equal((await b.$$('[data-testid="unlock-error"]')).length, 0, 'damage is not shown as a mistake');
    await a11y(b, 'unlock, journal damaged');
    await screenshot(b, 'unlock-damaged.png');

    await (await el(b, 'restore-from-backup')).click();
    await shown(b, 'restore-locked');
    await waitText(b, 'backup-list', '2 entries');
    await a11y(b, 'restore from the lock screen');
    await (await el(b, 'restore-pick')).click();
    await waitText(b, 'restore-confirm', 'what is there now is kept');
    assert.match(await textOf(b, 'restore-confirm'), /holds 2 entries/);
    await a11y(b, 'restore confirm from the lock screen');
    await screenshot(b, 'restore-from-unlock.png');

    await (await el(b, 'restore-yes')).click();
    await shown(b, 'entry-card', 30000);
    await waitText(b, 'toast', 'Your journal is back as it was');
    await cardsShow(b, ['Morning light', 'Warm bread'], 'Today');
    await screenshot(b, 'restored-today.png');
    await nav(b, 'Journal');
    await cardsShow(b, ['Morning light', 'Warm bread'], 'Journal');
  } finally {
    await app.close();
  }
});
