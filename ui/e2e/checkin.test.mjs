// Check-ins, Insights, the PHQ-9 safety path and the safety plan, in the real app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, screenshot } from './harness.mjs';
import { a11y, answerPhq9, el, nav, setUp, shown, textOf, unlock, waitText } from './steps.mjs';

test('a check-in from Ctrl+K appears in Insights', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    await b.keys(['Control', 'k']);
    const mood = await shown(b, 'checkin-mood');
    await a11y(b, 'check-in');
    // Keyboard only: mood up two steps from 0, intensity down three from 5.
    await b.execute((e) => e.focus(), mood);
    for (const k of ['ArrowRight', 'ArrowRight']) await b.keys(k);
    await b.execute((e) => e.focus(), await el(b, 'checkin-intensity'));
    for (const k of ['ArrowLeft', 'ArrowLeft', 'ArrowLeft']) await b.keys(k);
    assert.equal(await mood.getValue(), '2');
    assert.equal(await (await el(b, 'checkin-intensity')).getValue(), '2');
    await (await b.$('button=flat')).click();
    await (await el(b, 'checkin-note')).setValue('first check-in');
    await screenshot(b, 'checkin.png');
    await (await el(b, 'save-checkin')).click();

    await shown(b, 'chart-mood');
    await b.waitUntil(async () => (await (await el(b, 'chart-emotions')).getHTML()).includes('<svg'), {
      timeoutMsg: 'the charts never arrived',
    });
    const emotions = await (await el(b, 'chart-emotions')).getHTML();
    assert.match(emotions, /flat: 1/, 'the emotion chart describes the word chosen');
    await (await b.$('[data-testid="chart-mood"] summary')).click();
    const cells = await b.execute(() =>
      [...document.querySelectorAll('[data-testid="table-mood"] tbody td')].map((td) => td.textContent),
    );
    assert.deepEqual(cells.slice(1), ['2', '2', '0'], 'mood +2, intensity 2, no glimmers that day');
    await a11y(b, 'insights');
    await screenshot(b, 'insights.png');

    // Check-ins can be corrected later.
    await nav(b, 'Check in');
    await (await shown(b, 'checkin-mood')).waitForDisplayed();
    await (await b.$('button*=Edit')).click();
    assert.equal(await (await el(b, 'checkin-mood')).getValue(), '2', 'the form holds the saved check-in');
    await b.execute((e) => e.focus(), await el(b, 'checkin-mood'));
    await b.keys('ArrowLeft');
    // The first save's toast may still sit at the bottom edge: bring Save to the middle.
    const save = await el(b, 'save-checkin');
    await b.execute((e) => e.scrollIntoView({ block: 'center' }), save);
    await save.click();
    await (await shown(b, 'chart-mood')).waitForDisplayed();
    await (await b.$('[data-testid="chart-mood"] summary')).click();
    await b.waitUntil(
      async () =>
        (await b.execute(() => document.querySelector('[data-testid="table-mood"] tbody td:nth-child(2)')?.textContent)) === '1',
      { timeoutMsg: 'the edited mood never showed in Insights' },
    );
  } finally {
    await app.close();
  }
});

test('PHQ-9 with item 9 above zero shows the safety screen before anything else', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    await answerPhq9(b, 1);

    // At once: no difficulty question, no score, until the person has read it.
    await shown(b, 'safety-screen');
    assert.equal((await b.$$('[data-testid="phq9-difficulty"]')).length, 0, 'no further question before the safety screen');
    assert.equal((await b.$$('[data-testid="phq9-result"]')).length, 0, 'no score before the safety screen');
    await waitText(b, 'crisis-card', '988');
    assert.match(await textOf(b, 'safety-screen'), /cannot alert anyone/);
    assert.equal(await (await el(b, 'safety-continue')).isEnabled(), false, 'not skippable by accident');
    await a11y(b, 'safety screen');
    await b.execute(() => document.documentElement.classList.add('hc'));
    await a11y(b, 'safety screen, high contrast');
    await b.execute(() => document.documentElement.classList.remove('hc'));
    await screenshot(b, 'safety-screen.png');
    await (await el(b, 'safety-understood')).click();
    await (await el(b, 'safety-continue')).click();
    await (await shown(b, 'phq9-difficulty-1')).click();
    await (await el(b, 'phq9-finish')).click();
    const result = await textOf(b, 'phq9-result');
    assert.match(result, /total is 1 of 27/);
    assert.match(result, /minimal/);
    assert.match(result, /not a diagnosis/);
    await a11y(b, 'phq9 result');
  } finally {
    await app.close();
  }
});

test('safety plan edits persist across lock and unlock', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    await nav(b, 'My safety plan');
    // WebDriver drops newlines in setValue: type the second line after Enter.
    await (await shown(b, 'plan-reasons_for_living')).setValue('My niece');
    await b.keys('Enter');
    await b.keys('The sea in winter');
    await (await el(b, 'plan-people_to_ask')).setValue('Sam 555 0101');
    await a11y(b, 'safety plan');
    await (await el(b, 'save-plan')).click();
    await waitText(b, 'toast', 'safety plan is saved');
    await (await b.$('[aria-label="Dismiss message"]')).click();
    await nav(b, 'Settings');
    await (await shown(b, 'crisis-call')).setValue('116 123');
    await (await el(b, 'save-crisis')).click();
    await waitText(b, 'toast', 'Crisis line saved');
    await a11y(b, 'settings with the crisis line');

    await b.keys(['Control', 'l']);
    await unlock(b);
    await nav(b, 'My safety plan');
    const reasons = await (await shown(b, 'plan-reasons_for_living')).getValue();
    assert.equal(reasons, 'My niece\nThe sea in winter');
    assert.equal(await (await el(b, 'plan-people_to_ask')).getValue(), 'Sam 555 0101');
    await nav(b, 'Settings');
    await b.waitUntil(async () => (await (await shown(b, 'crisis-call')).getValue()) === '116 123', {
      timeoutMsg: 'the crisis line typed before locking is not there after unlocking',
    });
  } finally {
    await app.close();
  }
});

test('PHQ-9 with every answer 0 asks no difficulty question', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    await answerPhq9(b, 0);
    assert.match(await textOf(b, 'phq9-result'), /total is 0 of 27/);
    assert.equal((await b.$$('[data-testid="phq9-difficulty"]')).length, 0);
  } finally {
    await app.close();
  }
});

test('the crisis number stays on screen when the safety plan cannot load', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    // Make the one command fail in the page, the way a damaged plan would. Tauri's
    // internals are read-only, but its IPC travels over fetch, which the page owns.
    await b.execute(() => {
      const realFetch = window.fetch.bind(window);
      window.fetch = (input, init) =>
        String(input?.url ?? input).includes('get_safety_plan')
          ? Promise.resolve(
              new Response(JSON.stringify({ code: 'damaged', message: 'The vault database is damaged.' }), {
                status: 500,
                headers: { 'Content-Type': 'application/json', 'Tauri-Response': 'error' },
              }),
            )
          : realFetch(input, init);
    });
    await answerPhq9(b, 2);
    await shown(b, 'safety-screen');
    await waitText(b, 'crisis-card', 'Call 988, or text 988.');
    await waitText(b, 'safety-screen', "can't be shown just now");
  } finally {
    await app.close();
  }
});

test("a check-in with \"I can't tell\" keeps no value, and Insights leaves it out", async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    await b.keys(['Control', 'k']);
    await (await shown(b, 'checkin-mood-cant-tell')).click();
    await (await el(b, 'checkin-intensity-cant-tell')).click();
    await (await b.$('button=foggy')).click();
    await a11y(b, "check-in, I can't tell");
    // WebKitGTK cannot emulate forced colours; the root class turns the same rules on.
    await b.execute(() => document.documentElement.classList.add('hc'));
    await a11y(b, 'check-in, high contrast');
    await screenshot(b, 'checkin-high-contrast.png');
    await b.execute(() => document.documentElement.classList.remove('hc'));
    await (await el(b, 'save-checkin')).click();

    await shown(b, 'chart-mood');
    await (await b.$('[data-testid="chart-mood"] summary')).click();
    await b.waitUntil(
      async () => (await b.execute(() => document.querySelectorAll('[data-testid="table-mood"] tbody td').length)) > 0,
      { timeoutMsg: 'the mood table never filled' },
    );
    const cells = await b.execute(() =>
      [...document.querySelectorAll('[data-testid="table-mood"] tbody td')].map((td) => td.textContent),
    );
    assert.deepEqual(cells.slice(1), ['—', '—', '0'], 'no mood, no intensity: dashes, never 0 or 5');
    // Nothing is drawn for a day with no answers: the chart keeps its empty state.
    assert.doesNotMatch(await (await el(b, 'chart-mood')).getHTML(), /<circle/);
  } finally {
    await app.close();
  }
});
