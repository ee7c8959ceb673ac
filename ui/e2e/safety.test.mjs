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

test('the safety plan prints as a card, and shows on Need help now while locked only when chosen', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    await nav(b, 'My safety plan');
    // One item a line. Typed keys lose repeated digits in WebKitWebDriver
    // ("555" arrives as "5"), so the text is set as a paste would, with its input event.
    const fill = async (id, lines) => {
      const area = await shown(b, id);
      await b.execute(
        (e, text) => {
          e.value = text;
          e.dispatchEvent(new Event('input', { bubbles: true }));
        },
        area,
        lines.join('\n'),
      );
    };
    await fill('plan-warning_signs', ['Not sleeping', 'Pulling away from people']);
    await fill('plan-coping_strategies', ['Cold water on my face', 'Walk round the block']);
    await fill('plan-people_to_ask', ['Sam 555 0101', 'Aunt Jo 555 0144']);
    await fill('plan-professionals', ['Dr Okafor 555 0160']);
    await fill('plan-reasons_for_living', ['Pip the cat', 'The garden in spring']);
    await (await el(b, 'save-plan')).click();
    // The saved message sits over the foot of the page; it goes when dismissed.
    await (await (await shown(b, 'toast')).$('button[aria-label="Dismiss message"]')).click();
    const show = await shown(b, 'show-card');
    await show.scrollIntoView({ block: 'center' });
    await show.click();
    const card = await shown(b, 'plan-card');
    assert.match(await card.getText(), /Sam 555 0101/);
    await card.scrollIntoView();
    await screenshot(b, 'wallet-card.png');

    const on = await el(b, 'while-locked-on');
    await on.scrollIntoView({ block: 'center' });
    await on.click();
    assert.match(await textOf(b, 'while-locked-notice'), /not encrypted/);
    const confirm = await el(b, 'while-locked-confirm');
    await confirm.scrollIntoView({ block: 'center' });
    await confirm.click();
    await shown(b, 'while-locked-off');
    await b.keys(['Control', 'l']);
    await shown(b, 'unlock-passphrase');
    await (await el(b, 'help-now')).click();
    const dialog = await shown(b, 'help-now-dialog');
    await b.waitUntil(async () => (await dialog.getText()).includes('Aunt Jo 555 0144'), {
      timeout: 10000,
      timeoutMsg: 'the people to ask never appeared on the lock screen',
    });
    assert.doesNotMatch(await dialog.getText(), /Pip the cat/, 'only the two steps chosen');
  } finally {
    await app.close();
  }
});

test('a self-check beside the last one: the rise is named without a verdict, with help and what to do', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    await answerPhq9(b, 0);
    await shown(b, 'phq9-result');
    await nav(b, 'Today');
    await answerPhq9(b, 0, '2');
    await (await shown(b, 'phq9-difficulty-1')).click();
    await (await el(b, 'phq9-finish')).click();
    assert.match(await textOf(b, 'phq9-compared'), /^That is 16 points higher than on \d+ [A-Z][a-z]+\.$/);
    await shown(b, 'phq9-prompt-rise');
    await shown(b, 'phq9-prompt-high');
    await screenshot(b, 'phq9-rise.png');
    // Once on Today as well, then not again.
    await nav(b, 'Today');
    await shown(b, 'phq9-prompt-rise');
    await nav(b, 'Journal');
    await nav(b, 'Today');
    await shown(b, 'glimmer-text');
    assert.equal((await b.$$('[data-testid="phq9-prompts"]')).length, 0, 'shown once');
  } finally {
    await app.close();
  }
});

test('where no line is known, Need help now shows the neutral card, never another country’s line', async () => {
  // Iceland is not in the table: no line is guessed for it.
  const app = await launch({ env: { LANG: 'is_IS.UTF-8', LC_ALL: 'is_IS.UTF-8' } });
  try {
    const b = app.browser;
    await (await shown(b, 'help-now')).click();
    const card = await textOf(b, 'crisis-card');
    assert.match(card, /call your local emergency number/i);
    assert.doesNotMatch(card, /988/);
    await screenshot(b, 'neutral-card.png');
  } finally {
    await app.close();
  }
});
