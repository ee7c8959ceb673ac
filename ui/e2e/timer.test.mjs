// Mindfulness timers in the real app. The shell's timer runs ten times
// faster here (GLIMMER_TIMER_SPEED), so the senses minute takes six seconds
// and four breaths of 4-7-8 (76 s) under eight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, screenshot } from './harness.mjs';
import { a11y, el, nav, setUp, shown, textOf, waitText } from './steps.mjs';

test('the senses minute keeps running through a reload and is logged when it ends', async () => {
  const app = await launch({ env: { GLIMMER_TIMER_SPEED: '10' } });
  try {
    const b = app.browser;
    await setUp(b);
    await (await shown(b, 'start-senses')).click();
    await shown(b, 'timer-screen');
    await waitText(b, 'timer-prompt', 'smell', 15000);
    await a11y(b, 'timer');
    await screenshot(b, 'timer.png');

    // The page goes away and comes back: the timer lives in the shell.
    const before = await textOf(b, 'timer-left');
    await b.refresh();
    await shown(b, 'timer-screen', 15000);
    const after = await textOf(b, 'timer-left');
    assert.ok(after <= before, `still counting down (${before} then ${after})`);

    // It ends by itself and asks, optionally, how it is now.
    await shown(b, 'timer-after', 20000);
    await (await el(b, 'sense-smell')).click();
    assert.equal(await (await el(b, 'senses-glimmer')).getValue(), 'A smell: ');
    await a11y(b, 'after the timer');
    await (await el(b, 'after-save')).click();
    await waitText(b, 'session-log', 'A minute of the senses');
    assert.doesNotMatch(await textOf(b, 'session-log'), /stopped at/, 'it ran to the end');

    // 4-7-8 ends by itself after four breaths: 4 × 19 s.
    await (await shown(b, 'start-breathing-478')).click();
    await shown(b, 'timer-screen');
    await shown(b, 'timer-after', 30000);
    await (await el(b, 'after-save')).click();
    await waitText(b, 'session-log', '4-7-8 breathing');
    const log = await textOf(b, 'session-log');
    assert.match(log, /4-7-8 breathing[^]*1:16/, log);
    assert.doesNotMatch(log, /stopped at/, 'it ended by itself');
    await screenshot(b, 'breathe.png');
  } finally {
    await app.close();
  }
});

test('a breathing guide says first to stop if light-headed, counts in text with reduced motion, and Esc ends it at once', async () => {
  const app = await launch({ env: { GLIMMER_TIMER_SPEED: '1' } });
  try {
    const b = app.browser;
    await setUp(b);
    // WebKitWebDriver cannot emulate media features; the page is told instead.
    await b.execute(() => {
      const real = window.matchMedia.bind(window);
      window.matchMedia = (q) => (q.includes('prefers-reduced-motion') ? { ...real(q), matches: true, media: q } : real(q));
    });
    await nav(b, 'Breathe');
    await (await shown(b, 'start-breathing-478')).click();
    await shown(b, 'timer-screen');
    await waitText(b, 'timer-opening', 'If you feel light-headed, stop and breathe normally.');
    const pacer = await shown(b, 'pacer', 15000);
    assert.equal(await pacer.getAttribute('data-reduced'), 'true');
    assert.equal((await b.$$('[data-testid="pacer"] .circle')).length, 0, 'no animated circle');
    assert.equal((await b.$$('[data-testid="timer-opening"]')).length, 0, 'said once, before the start');
    await waitText(b, 'pacer-count', 'of 4');
    assert.equal(await textOf(b, 'pacer-breath'), 'Breath 1 of 4');
    await b.keys('Escape');
    await shown(b, 'timer-after', 10000);
    assert.equal((await b.$$('[data-testid="timer-stop-confirm"]')).length, 0, 'nothing asked');
    await (await el(b, 'after-save')).click();
    await waitText(b, 'session-log', 'stopped at');
  } finally {
    await app.close();
  }
});
