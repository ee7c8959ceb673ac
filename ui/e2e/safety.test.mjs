// Help within reach: the crisis line from the lock screen, and a safety screen
// that nothing (the idle lock included) can take away while it is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { launch, screenshot } from './harness.mjs';
import { a11y, answerPhq9, el, lockScreen, nav, setUp, shown, textOf, unlock } from './steps.mjs';

test('Need help now shows the crisis line on the lock screen, without a passphrase', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    await b.keys(['Control', 'l']);
    await shown(b, 'unlock-passphrase');
    await (await el(b, 'help-now')).click();
    await shown(b, 'help-now-dialog');
    const card = await textOf(b, 'crisis-card');
    assert.match(card, /988/);
    assert.match(card, /911/, 'the emergency number too');
    await a11y(b, 'need help now, locked');
    await screenshot(b, 'help-now-locked.png');
    await (await el(b, 'help-now-close')).click();
    assert.equal(await (await el(b, 'help-now-dialog')).isDisplayed(), false);
    assert.equal(await (await el(b, 'unlock-passphrase')).isDisplayed(), true, 'still locked');
  } finally {
    await app.close();
  }
});

test('the idle lock waits while the safety screen is open, and only then', async () => {
  const app = await launch({ env: { GLIMMER_IDLE_SECONDS: '3' } });
  try {
    const b = app.browser;
    await setUp(b);
    await answerPhq9(b, 1);
    await shown(b, 'safety-screen');
    // Three idle timeouts pass with no key or click.
    await sleep(9000);
    assert.equal(await (await el(b, 'safety-screen')).isDisplayed(), true, 'the safety screen is still there');
    assert.equal((await b.$$('[data-testid="unlock-passphrase"]')).length, 0, 'not locked');

    // Leaving the self-check lets the idle lock work again.
    await (await el(b, 'safety-understood')).click();
    await (await el(b, 'safety-continue')).click();
    await (await shown(b, 'phq9-skip-difficulty')).click();
    await shown(b, 'phq9-result');
    await nav(b, 'Today');
    await shown(b, 'unlock-passphrase', 20000);
  } finally {
    await app.close();
  }
});

test('a screen lock during the safety screen locks Glimmer, and unlocking brings the safety screen back', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    await answerPhq9(b, 2);
    await shown(b, 'safety-screen');
    lockScreen(app);
    await shown(b, 'unlock-passphrase');
    assert.equal((await b.$$('[data-testid="safety-screen"]')).length, 0, 'nothing of the vault stays on the lock screen');
    await unlock(b);
    await shown(b, 'safety-screen');
    assert.match(await textOf(b, 'crisis-card'), /988/, 'the line is there again');
  } finally {
    await app.close();
  }
});

test('holds on the idle lock are counted: closing Need help now over the safety plan keeps it open', async () => {
  const app = await launch({ env: { GLIMMER_IDLE_SECONDS: '3' } });
  try {
    const b = app.browser;
    await setUp(b);
    await nav(b, 'My safety plan');
    await shown(b, 'save-plan');
    await (await el(b, 'help-now')).click();
    await shown(b, 'help-now-dialog');
    await sleep(4000);
    await (await el(b, 'help-now-close')).click();
    // Three idle timeouts with no key or click: the plan alone still holds the lock off.
    await sleep(9000);
    assert.equal(await (await el(b, 'save-plan')).isDisplayed(), true, 'the safety plan is still there');
    assert.equal((await b.$$('[data-testid="unlock-passphrase"]')).length, 0, 'not locked');
    await nav(b, 'Today');
    await shown(b, 'unlock-passphrase', 20000);
  } finally {
    await app.close();
  }
});
