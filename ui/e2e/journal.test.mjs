// The journal as a person uses it, in the real app under Xvfb.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { APP_BIN, appPids, launch, screenshot } from './harness.mjs';
import { PASS, a11y, el, lockScreen, nav, resumeDraft, setUp, shown, textOf, unlock, waitText, writeEntry } from './steps.mjs';

test('first run, an entry with a tag, search, lock, wrong passphrase, unlock, restart', async () => {
  let app = await launch();
  const { vaultDir, home } = app;
  try {
    let b = app.browser;
    await setUp(b, { check: true });
    await a11y(b, 'today');
    await screenshot(b, 'today-empty.png');

    await writeEntry(b, {
      title: 'A walk by the river',
      tags: ['Outdoors'],
      body: 'The numbness lifted a little near the water.\n\n*Cold air*, a heron.',
    });
    await waitText(b, 'preview', 'Cold air');
    await a11y(b, 'editor');
    await screenshot(b, 'editor.png');

    await b.keys(['Control', 'f']);
    await (await shown(b, 'search-input')).setValue('numb*');
    await b.waitUntil(async () => (await b.$$('[data-testid="search-hit"]')).length === 1, {
      timeoutMsg: 'the prefix search never found the entry',
    });
    const hit = await textOf(b, 'search-hit');
    assert.match(hit, /A walk by the river/);
    assert.match(hit, /#outdoors/);
    assert.equal(await (await b.$('[data-testid="search-hit"] mark')).getText(), 'numbness');
    await a11y(b, 'search');
    await screenshot(b, 'search.png');

    await b.keys(['Control', 'l']);
    await shown(b, 'unlock-passphrase');
    await a11y(b, 'locked');
    await unlock(b, 'not my passphrase');
    await waitText(b, 'unlock-error', "doesn't open");
    await a11y(b, 'wrong passphrase');
    await (await el(b, 'unlock-passphrase')).clearValue();
    await unlock(b);
    const card = await textOf(b, 'entry-card');
    assert.match(card, /A walk by the river/);
    assert.match(card, /#outdoors/);
    await screenshot(b, 'today.png');

    await app.close();
    app = await launch({ vaultDir, home });
    b = app.browser;
    await unlock(b);
    assert.match(await textOf(b, 'entry-card'), /A walk by the river[\s\S]*#outdoors/);
  } finally {
    await app.close();
  }
});

test('deleting goes to the trash, and Undo brings it back', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    await (await el(b, 'glimmer-text')).setValue('Sun on the kitchen floor');
    await (await el(b, 'save-glimmer')).click();
    await waitText(b, 'entry-card', 'Sun on the kitchen floor');

    await nav(b, 'Journal');
    await (await shown(b, 'trash')).click();
    await waitText(b, 'toast', 'Moved to the trash');
    await b.waitUntil(async () => (await b.$$('[data-testid="entry-card"]')).length === 0, {
      timeoutMsg: 'the entry stayed in the list',
    });
    await a11y(b, 'journal with undo');
    await (await el(b, 'undo')).click();
    await waitText(b, 'entry-card', 'Sun on the kitchen floor');

    await (await el(b, 'trash')).click();
    await (await el(b, 'trash-tab')).click();
    await waitText(b, 'entry-card', 'Sun on the kitchen floor');
    await a11y(b, 'trash');
    await (await el(b, 'restore')).click();
    await nav(b, 'Today');
    await waitText(b, 'entry-card', 'Sun on the kitchen floor');
  } finally {
    await app.close();
  }
});

test('a draft survives the app being killed while typing', async () => {
  let app = await launch();
  const { vaultDir, home } = app;
  try {
    let b = app.browser;
    await setUp(b);
    await nav(b, 'Write');
    const body = await shown(b, 'entry-body');
    await body.setValue('Half a thought about the kettle');
    await waitText(b, 'editor-status', 'Draft kept safe');
    await body.addValue(' and then');
    await app.kill();

    app = await launch({ vaultDir, home });
    b = app.browser;
    await unlock(b);
    const restored = await resumeDraft(b);
    assert.match(restored, /^Half a thought about the kettle/);
    await b.keys(['Control', 's']);
    await waitText(b, 'editor-status', 'Saved');
    await nav(b, 'Today');
    await waitText(b, 'entry-card', 'Half a thought about the kettle');
    assert.equal((await b.$$('[data-testid="draft-banner"]')).length, 0, 'the draft became the entry');
  } finally {
    await app.close();
  }
});

test('markup in an entry renders inert', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    const hostile = '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> [x](javascript:window.__pwned=3) **still here**';
    await writeEntry(b, { title: 'Markup', body: hostile });
    await waitText(b, 'preview', 'still here');
    const html = await b.execute(() => document.querySelector('[data-testid="preview"]').innerHTML);
    assert.doesNotMatch(html, /onerror|<script|javascript:/i);
    await (await b.$('[data-testid="preview"] a')).click().catch(() => {});
    await b.keys(['Control', 'f']);
    await (await shown(b, 'search-input')).setValue('markup');
    await shown(b, 'search-hit');
    assert.equal(await b.execute(() => window.__pwned ?? null), null, 'no script from the entry ran');
    assert.equal(await b.getTitle(), 'Glimmer');
  } finally {
    await app.close();
  }
});

test('locking the screen locks Glimmer', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    lockScreen(app);
    await shown(b, 'unlock-passphrase');
    await unlock(b, PASS);
    await shown(b, 'glimmer-text');
  } finally {
    await app.close();
  }
});

test('locking in the middle of a sentence keeps every word', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    await nav(b, 'Write');
    await (await shown(b, 'entry-body')).setValue('Every word, right up to the last one');
    await b.keys(['Control', 'l']);
    await unlock(b);
    assert.equal(await resumeDraft(b), 'Every word, right up to the last one');
  } finally {
    await app.close();
  }
});

test('a screen lock right after the last keystroke keeps every word', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    await nav(b, 'Write');
    const body = await shown(b, 'entry-body');
    await body.setValue('The kettle clicked off');
    await waitText(b, 'editor-status', 'Draft kept safe');
    // Well inside the autosave's 700 ms pause: only the lock itself can save these words.
    await body.addValue(' and I sat with the quiet');
    const typed = Date.now();
    lockScreen(app);
    const after = Date.now() - typed;
    assert.ok(after < 300, `the screen locked ${after} ms after the last keystroke`);
    await unlock(b);
    assert.equal(await resumeDraft(b), 'The kettle clicked off and I sat with the quiet');
  } finally {
    await app.close();
  }
});

test('settings, and the dark theme, pass the accessibility check', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    await nav(b, 'Settings');
    await shown(b, 'theme-dark');
    await shown(b, 'crisis-call'); // the last part of the page to load
    await a11y(b, 'settings');
    await (await el(b, 'theme-dark')).click();
    assert.equal(await b.execute(() => document.documentElement.dataset.theme), 'dark');
    // Let the colour transitions finish: axe measures contrast on what is painted now.
    await b.pause(500);
    await a11y(b, 'settings, dark');
    await nav(b, 'Today');
    await a11y(b, 'today, dark');
    await screenshot(b, 'today-dark.png');
  } finally {
    await app.close();
  }
});

test('a second launch hands over to the running Glimmer and exits', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    // Same user session (HOME, bus): what a second click on the app icon does.
    const second = spawnSync(APP_BIN, [], {
      env: { ...process.env, HOME: app.home, GLIMMER_VAULT: app.vaultDir, DBUS_SESSION_BUS_ADDRESS: app.busAddress },
      timeout: 15000,
    });
    assert.equal(second.error, undefined, 'the second launch ended by itself');
    assert.equal(second.status, 0);
    // The first instance is still there and still unlocked.
    await (await el(b, 'glimmer-text')).setValue('still here');
    await (await el(b, 'save-glimmer')).click();
    await waitText(b, 'entry-card', 'still here');
  } finally {
    await app.close();
  }
});

test('the window comes back at the size it was left', async () => {
  let app = await launch();
  const { vaultDir, home } = app;
  try {
    let b = app.browser;
    await shown(b, 'new-passphrase');
    await b.setWindowSize(900, 640);
    const before = await b.getWindowSize();
    // Ended as by a logout: Glimmer quits cleanly and the window state is saved.
    const pids = appPids(vaultDir);
    assert.equal(pids.length, 1);
    process.kill(pids[0], 'SIGTERM');
    await b.waitUntil(async () => appPids(vaultDir).length === 0, { timeout: 10000, timeoutMsg: 'Glimmer did not quit on SIGTERM' });
    await app.close();

    app = await launch({ vaultDir, home });
    b = app.browser;
    await shown(b, 'new-passphrase');
    const after = await b.getWindowSize();
    assert.deepEqual(after, before);
  } finally {
    await app.close();
  }
});
