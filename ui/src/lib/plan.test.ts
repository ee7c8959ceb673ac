import { describe, expect, it } from 'vitest';
import { addDays, dayHeading, onceRepeat, repeatOf, repeatProblem, ruleText, timeLabel, type Repeat } from './plan';

const r = (over: Partial<Repeat>): Repeat => ({ ...onceRepeat(), ...over });

describe('plan repeats', () => {
  it('writes each choice as the RFC 5545 rule the core reads', () => {
    expect(ruleText(r({}))).toBeNull();
    expect(ruleText(r({ kind: 'daily' }))).toBe('FREQ=DAILY');
    expect(ruleText(r({ kind: 'weekdays' }))).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR');
    // Days come out in week order, however they were ticked.
    expect(ruleText(r({ kind: 'days', days: ['FR', 'MO', 'WE'] }))).toBe('FREQ=WEEKLY;BYDAY=MO,WE,FR');
    expect(ruleText(r({ kind: 'every-n-days', every: 3, end: 'count', count: 5 }))).toBe('FREQ=DAILY;INTERVAL=3;COUNT=5');
    expect(ruleText(r({ kind: 'every-n-weeks', every: 2, days: ['TU'], end: 'until', until: '2027-01-31' }))).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270131',
    );
  });

  it('reads a saved rule back into the same choices', () => {
    for (const choice of [
      r({ kind: 'daily' }),
      r({ kind: 'weekdays' }),
      r({ kind: 'days', days: ['MO', 'WE', 'FR'] }),
      r({ kind: 'every-n-days', every: 3, end: 'count', count: 5 }),
      r({ kind: 'every-n-weeks', every: 2, days: ['TU'], end: 'until', until: '2027-01-31' }),
    ]) {
      const back = repeatOf({ rule: ruleText(choice) });
      expect(ruleText(back)).toBe(ruleText(choice));
      expect(back.kind).toBe(choice.kind);
    }
    expect(repeatOf({ rule: null }).kind).toBe('once');
  });

  it('names what is missing in plain words', () => {
    expect(repeatProblem(r({ kind: 'days' }))).toBe('Choose at least one day of the week.');
    expect(repeatProblem(r({ kind: 'every-n-days', every: 0 }))).toMatch(/whole number/);
    expect(repeatProblem(r({ kind: 'daily', end: 'until' }))).toBe('Choose the last day.');
    expect(repeatProblem(r({ kind: 'daily', end: 'count', count: 3 }))).toBeNull();
  });

  it('counts days across month ends and names the near ones', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(dayHeading('2026-11-26', '2026-11-26')).toBe('Today');
    expect(dayHeading('2026-11-27', '2026-11-26')).toBe('Tomorrow');
    expect(dayHeading('2026-11-29', '2026-11-26')).toMatch(/29/);
    expect(timeLabel('18:30:00')).toBe('18:30');
    expect(timeLabel(null)).toBe('Sometime');
  });
});
