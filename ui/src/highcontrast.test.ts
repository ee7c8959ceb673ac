// The high-contrast switches are written twice in app.css (once for the
// system's settings, once under :root.hc for tests), since CSS can't join a
// media query and a class; this keeps the two copies the same, and checks
// that every cue the switches turn on is still there to read them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('./app.css', import.meta.url), 'utf8');

/** The declarations of the first block after `head`, as a sorted list. */
function block(head: string): string[] {
  const at = css.indexOf(head);
  expect(at, `app.css has ${head}`).toBeGreaterThanOrEqual(0);
  const open = css.indexOf('{', at + head.length - 1);
  const body = css.slice(open + 1, css.indexOf('}', open));
  return body
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .sort();
}

describe('high contrast', () => {
  const fromSystem = block('@media (forced-colors: active), (prefers-contrast: more) {\n  :root, :root[data-theme] {');
  const byHand = block(':root.hc {');

  it('turns on the same switches by hand as from the system', () => {
    expect(byHand).toEqual(fromSystem);
  });

  it('has a cue reading every switch it sets', () => {
    const switches = fromSystem.map((d) => d.split(':')[0]).filter((name) => name.startsWith('--hc-'));
    expect(switches.length).toBeGreaterThan(0);
    for (const name of switches) expect(css, `a rule reads ${name}`).toContain(`var(${name}`);
  });

  it('marks what is selected, current, disabled or wrong without colour alone', () => {
    for (const selector of ["[aria-pressed='true']::before", ".navlink[aria-current='page']", 'button:disabled', '.error {']) {
      expect(css).toContain(selector);
    }
  });
});
