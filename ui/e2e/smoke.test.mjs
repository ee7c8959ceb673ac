// Proves the harness: the real app starts, shows a page, and axe can run in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, axeCheck, screenshot } from './harness.mjs';
import { setUp } from './steps.mjs';

test('app starts, has a title and content, and axe runs', async (t) => {
  const app = await launch();
  try {
    assert.equal(await app.browser.getTitle(), 'Glimmer');
    // The first view may wait on an IPC call before it renders text.
    await app.browser.waitUntil(() => app.browser.execute(() => document.body.innerText.trim().length > 0), {
      timeout: 10000,
      timeoutMsg: 'body stayed empty',
    });
    await screenshot(app.browser, 'smoke.png');
    // Report only: the UI is still being built, so violations don't fail this test yet.
    const { report } = await axeCheck(app.browser, 'first screen', { failOn: [] });
    t.diagnostic(report);
  } finally {
    await app.close();
  }
});

test('at the default window size every place, Need help now and the safety plan fit without scrolling', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    const size = await b.execute(() => [window.innerWidth, window.innerHeight]);
    // tauri.conf.json opens the window at 1040×720; the webview is that size less no chrome here.
    assert.ok(size[0] >= 1000 && size[1] >= 680 && size[1] <= 720, `window is ${size}`);
    const nav = await b.execute(() => {
      const n = document.querySelector('nav.nav');
      const inView = (e) => {
        const r = e.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      };
      return {
        scrolls: n.scrollHeight > n.clientHeight + 1,
        places: [...n.querySelectorAll('ul button')].map((e) => [e.textContent, inView(e)]),
        help: inView(n.querySelector('[data-testid="help-now"]')),
        plan: inView(n.querySelector('[data-testid="nav-safety-plan"]')),
        lock: inView(n.querySelector('[data-testid="lock"]')),
      };
    });
    assert.deepEqual(
      nav.places,
      ['Today', 'Journal', 'Check in', 'Plan', 'Breathe', 'Insights', 'Settings'].map((p) => [p, true]),
    );
    assert.deepEqual([nav.scrolls, nav.help, nav.plan, nav.lock], [false, true, true, true]);
    await screenshot(b, 'navigation.png');
  } finally {
    await app.close();
  }
});
