// Steps a person takes, shared by the end-to-end tests. Every wait names what
// it waited for, so a failure reads as a sentence.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { axeCheck, byTestId } from './harness.mjs';

export const PASS = 'kettle harbour violet margin';

export const el = (b, id) => byTestId(b, id);

export async function shown(b, id, timeout = 10000) {
  const e = await el(b, id);
  await e.waitForDisplayed({ timeout, timeoutMsg: `${id} never appeared` });
  return e;
}

export async function textOf(b, id) {
  return (await shown(b, id)).getText();
}

/** Waits until the element's text contains `part`. */
export async function waitText(b, id, part, timeout = 10000) {
  await b.waitUntil(async () => (await (await el(b, id)).getText()).includes(part), {
    timeout,
    timeoutMsg: `${id} never said “${part}”`,
  });
}

/** Views inside a place: reached by the place in the sidebar, then its tab. */
const WITHIN = { Search: 'Journal', 'Self-check': 'Check in', 'Activity library': 'Plan' };

export async function nav(b, label) {
  const place = WITHIN[label];
  await (await (await b.$('nav')).$(`button=${place ?? label}`)).click();
  if (place) await (await (await shown(b, 'tabs')).$(`button=${label}`)).click();
}

/** Every screen the suite reaches gets an accessibility pass. */
export async function a11y(b, label) {
  const { report } = await axeCheck(b, label);
  return report;
}

/** First run: passphrase, recovery key shown and confirmed; returns the key. */
export async function setUp(b, { check = false } = {}) {
  await (await shown(b, 'new-passphrase')).setValue(PASS);
  // Rated by the core through IPC, so this also proves the app may ask.
  await waitText(b, 'strength-hint', 'Strong.');
  await (await el(b, 'confirm-passphrase')).setValue(PASS);
  if (check) await a11y(b, 'welcome');
  await (await el(b, 'create-vault')).click();
  const key = await textOf(b, 'recovery-key');
  assert.match(key, /^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/, 'a recovery key of eight groups');
  assert.equal(await (await el(b, 'finish-setup')).isEnabled(), false, 'Continue waits for the confirmation');
  if (check) await a11y(b, 'recovery key');
  await (await el(b, 'saved-key')).click();
  await (await el(b, 'finish-setup')).click();
  // The crisis line Glimmer keeps ready. Chosen, not taken as offered: nothing
  // is preselected unless the system's region is in the table.
  await shown(b, 'crisis-form');
  if (check) await a11y(b, 'crisis line at setup');
  await (await el(b, 'crisis-country')).selectByVisibleText('United States');
  await (await shown(b, 'save-crisis')).click();
  await shown(b, 'glimmer-text');
  return key;
}

export async function unlock(b, passphrase = PASS) {
  const field = await shown(b, 'unlock-passphrase');
  await field.setValue(passphrase);
  await (await el(b, 'unlock')).click();
}

/**
 * Opens the draft Today offers and returns its text, once the editor has
 * loaded it (the field is on screen, empty, a moment before that).
 */
export async function resumeDraft(b) {
  await (await shown(b, 'resume-draft')).click();
  await waitText(b, 'editor-status', 'Continuing your draft');
  return (await el(b, 'entry-body')).getValue();
}

/** Opens a new entry, types it and saves with Ctrl+S. */
export async function writeEntry(b, { title = '', tags = [], body }) {
  await nav(b, 'Write');
  if (title) await (await shown(b, 'entry-title')).setValue(title);
  for (const tag of tags) {
    await (await el(b, 'tag-field')).setValue(tag);
    await b.keys('Enter');
  }
  await (await shown(b, 'entry-body')).setValue(body);
  await b.keys(['Control', 's']);
  await waitText(b, 'editor-status', 'Saved');
}

/** Answers the PHQ-9 with the keyboard: eight times `first`, then item 9. */
export async function answerPhq9(b, item9, first = '0') {
  await nav(b, 'Self-check');
  await (await shown(b, 'phq9-start')).click();
  await shown(b, 'phq9-answer-0');
  for (let i = 0; i < 8; i++) {
    await waitText(b, 'phq9-progress', `Question ${i + 1} of 9`);
    await b.keys(first);
  }
  await waitText(b, 'phq9-progress', 'Question 9 of 9');
  await (await el(b, `phq9-answer-${item9}`)).click();
}

/** Says on the launch's private session bus that the screen just locked. */
export function lockScreen(app) {
  const sent = spawnSync('dbus-send', [
    `--bus=${app.busAddress}`,
    '--type=signal',
    '/org/freedesktop/ScreenSaver',
    'org.freedesktop.ScreenSaver.ActiveChanged',
    'boolean:true',
  ]);
  assert.equal(sent.status, 0, String(sent.stderr));
}
