// A passphrase that may have leaked: Settings gives the vault a new key, the
// new recovery key is shown once, and after locking only the new passphrase
// opens the journal, with every entry and backup still there (issue 17).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, screenshot } from './harness.mjs';
import { PASS, a11y, el, nav, setUp, shown, textOf, unlock, waitText, writeEntry } from './steps.mjs';

const NEW_PASS = 'lantern orchard pebble willow';

/** Waits until the entry cards on screen name every title. */
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

/** Dismisses a toast still on screen, so a screenshot shows only the step. */
async function noToast(b) {
  const close = await b.$('button[aria-label="Dismiss message"]');
  if (await close.isExisting()) await close.click();
}

test('a new key from Settings: new recovery key once, then only the new passphrase opens the entries', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    const oldKey = await setUp(b);
    await writeEntry(b, { title: 'Morning light', body: 'Sun on the kitchen floor for a minute.' });
    await writeEntry(b, { title: 'Warm bread', body: 'The smell from the bakery on the corner.' });
    await nav(b, 'Settings');
    await (await shown(b, 'backup-now')).click();
    await waitText(b, 'backup-list', '2 entries');

    // Explained before anything starts.
    await waitText(b, 'rekey-explained', 'old recovery key stop working');
    await (await el(b, 'rekey-open')).click();
    await (await shown(b, 'rekey-current')).setValue(PASS);
    await (await el(b, 'rekey-next')).setValue(NEW_PASS);
    await (await el(b, 'rekey-again')).setValue(NEW_PASS);
    assert.equal(await (await el(b, 'rekey-reencrypt')).isSelected(), true, 'backups are re-encrypted unless chosen otherwise');
    await a11y(b, 'new key form');
    await (await el(b, 'rekey-continue')).click();
    await waitText(b, 'rekey-confirm', 'Your backups will be re-encrypted under the new key.');
    await a11y(b, 'new key confirmation');
    await noToast(b);
    await screenshot(b, 'new-key-confirm.png');

    await (await el(b, 'rekey-yes')).click();
    await shown(b, 'recovery-key', 60000);
    const key = await textOf(b, 'recovery-key');
    assert.match(key, /^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/, 'a recovery key of eight groups');
    assert.notEqual(key, oldKey, 'a new recovery key');
    assert.equal(await (await el(b, 'finish-setup')).isEnabled(), false, 'finishing waits for the confirmation');
    await a11y(b, 'new recovery key');
    await noToast(b);
    await screenshot(b, 'new-key.png');
    await (await el(b, 'saved-key')).click();
    await (await el(b, 'finish-setup')).click();
    await waitText(b, 'toast', 'Everything is under your new key');
    assert.equal((await b.$$('[data-testid="recovery-key"]')).length, 0, 'shown once');
    await waitText(b, 'backup-list', '2 entries');

    await (await el(b, 'lock')).click();
    await unlock(b, PASS);
    await waitText(b, 'unlock-error', "doesn't open");
    await unlock(b, NEW_PASS);
    await cardsShow(b, ['Morning light', 'Warm bread'], 'Today');
    await nav(b, 'Journal');
    await cardsShow(b, ['Morning light', 'Warm bread'], 'Journal');
  } finally {
    await app.close();
  }
});
