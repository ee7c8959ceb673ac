// Behavioral activation in the real app: plan an activity, say how it went
// with ratings, see it in Insights; reminder settings outlive a lock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, screenshot } from './harness.mjs';
import { a11y, el, nav, setUp, shown, textOf, unlock, waitText } from './steps.mjs';

/** Moves a 0–10 slider from its resting 5 by `steps` with the arrow keys. */
async function slide(b, id, steps) {
  await b.execute((e) => e.focus(), await b.$(`#${id}`));
  for (let i = 0; i < Math.abs(steps); i++) await b.keys(steps > 0 ? 'ArrowRight' : 'ArrowLeft');
}

test('plan an activity, say how it went, and see it in Insights', async () => {
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);

    // Reminder settings are saved in the vault and still there after a lock.
    await nav(b, 'Settings');
    await (await shown(b, 'reminder-names')).click();
    await (await el(b, 'quiet-hours')).click();
    await (await b.$('#per-day')).selectByVisibleText('5');
    await b.pause(300);
    await (await el(b, 'lock')).click();
    await unlock(b);
    await nav(b, 'Settings');
    assert.equal(await (await shown(b, 'reminder-names')).isSelected(), true, 'names in reminders, as chosen');
    assert.equal(await (await el(b, 'quiet-hours')).isSelected(), true, 'quiet hours, as chosen');
    assert.equal(await (await b.$('#per-day')).getValue(), '5');

    // Plan a walk for today, expecting little of it.
    await nav(b, 'Plan');
    await (await shown(b, 'plan-new')).click();
    await shown(b, 'plan-dialog');
    await b.waitUntil(async () => (await (await el(b, 'plan-activity')).getValue()) !== '', {
      timeoutMsg: 'the activities never loaded',
    });
    await (await el(b, 'plan-activity')).selectByVisibleText('Go for a short walk');
    await slide(b, 'predicted', -3);
    await (await el(b, 'plan-remind')).selectByVisibleText('10 minutes before');
    await a11y(b, 'plan dialog');
    await screenshot(b, 'plan-dialog.png');
    await (await el(b, 'plan-save')).click();

    const today = await shown(b, 'agenda-today');
    await b.waitUntil(async () => (await today.getText()).includes('Go for a short walk'), {
      timeoutMsg: 'the plan never showed in today’s agenda',
    });
    await a11y(b, 'plan');
    await screenshot(b, 'plan.png');

    // How did it go: better than expected.
    await (await today.$('[data-testid="how-did-it-go"]')).click();
    await waitText(b, 'complete-activity', 'Go for a short walk');
    await waitText(b, 'expected', 'You expected about 2/10');
    await slide(b, 'enjoyment', 2);
    await slide(b, 'mastery', 1);
    await slide(b, 'intensity-after', -1);
    await waitText(b, 'expected', 'it was 7/10');
    await (await el(b, 'complete-glimmer')).setValue('The cold air on my face');
    await a11y(b, 'how did it go');
    await screenshot(b, 'complete-dialog.png');
    await (await el(b, 'complete-save')).click();
    await waitText(b, 'occurrence-status', 'Done, enjoyed 7/10');

    // The glimmer went to the journal.
    await nav(b, 'Today');
    await waitText(b, 'today-planned', 'Done');
    await b.waitUntil(async () => (await (await b.$('main')).getText()).includes('The cold air on my face'), {
      timeoutMsg: 'the glimmer never showed among recent entries',
    });

    // Insights: the pair, predicted 2 and actual 7, in the chart and its table.
    await nav(b, 'Insights');
    const chart = await shown(b, 'chart-activation-predicted_actual');
    await b.waitUntil(async () => (await chart.getHTML()).includes('<svg'), { timeoutMsg: 'the activation chart never arrived' });
    await (await chart.$('summary')).click();
    const cells = await b.execute(() =>
      [...document.querySelectorAll('[data-testid="table-predicted-actual"] tbody td')].map((td) => td.textContent),
    );
    assert.deepEqual(cells.slice(1), ['Go for a short walk', '2', '7']);
    // One rated activity is too few to compare; said kindly.
    assert.match(await textOf(b, 'activation-gap'), /three/);
    await a11y(b, 'insights with activities');
    await screenshot(b, 'insights-activation.png');
  } finally {
    await app.close();
  }
});
