// Small payloads shaped like the core's, for component tests.
import type { Activity } from '../lib/bindings/Activity';
import type { AreaValue } from '../lib/bindings/AreaValue';
import type { Occurrence } from '../lib/bindings/Occurrence';
import type { Plan } from '../lib/bindings/Plan';
import type { EntrySummary } from '../lib/bindings/EntrySummary';
import type { Phq9Form } from '../lib/bindings/Phq9Form';
import type { CrisisInfo } from '../lib/bindings/CrisisInfo';
import type { CrisisLine } from '../lib/bindings/CrisisLine';
import type { SafetyPlan } from '../lib/bindings/SafetyPlan';
import type { SafetyPlanForm } from '../lib/bindings/SafetyPlanForm';
import type { Settings } from '../lib/bindings/Settings';
import type { SyncStatus } from '../lib/bindings/SyncStatus';

export function settings(fields: Partial<Settings> = {}): Settings {
  return {
    auto_lock_minutes: 10,
    lock_with_screen: true,
    backup_folder: null,
    reminder_names: false,
    quiet_start: null,
    quiet_end: null,
    reminders_per_day: 3,
    start_at_login: false,
    checkin_reminder: null,
    self_check_reminder: false,
    bell_volume: 60,
    breath_pace: 'usual',
    ...fields,
  };
}

export function safetyPlan(fields: Partial<SafetyPlan> = {}): SafetyPlan {
  return {
    warning_signs: [],
    coping_strategies: [],
    distractions: [],
    people_to_ask: [],
    professionals: [],
    safer_environment: [],
    reasons_for_living: [],
    updated_at: null,
    ...fields,
  };
}

export function entrySummary(fields: Partial<EntrySummary> = {}): EntrySummary {
  return {
    id: 'e1',
    kind: 'glimmer',
    title: '',
    excerpt: 'Sun on the kitchen floor',
    tags: [],
    intensity: null,
    created_at: '2025-05-01T09:00:00Z',
    updated_at: '2025-05-01T09:00:00Z',
    deleted_at: null,
    ...fields,
  };
}

export const phq9Form: Phq9Form = {
  stem: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  items: Array.from({ length: 9 }, (_, i) => `Question ${i + 1}`),
  answers: ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'],
  difficulty_question: 'How difficult have these problems made things?',
  difficulty_answers: ['Not difficult at all', 'Somewhat difficult', 'Very difficult', 'Extremely difficult'],
  attribution: 'Developed by Drs. Spitzer, Williams, Kroenke and colleagues.',
  clinician_note: 'This is not a diagnosis.',
  prompt_closing: 'If it helps, bring your self-check results with you when you go.',
};

export const crisisInfo: CrisisInfo & { line: CrisisLine } = {
  line: { code: 'GB', country: 'United Kingdom', name: 'Samaritans', call: '116 123', text: '', emergency: '999', checked: '2026-12', more: [] },
  chosen: true,
  unreadable: null,
};

export const safetyPlanForm: SafetyPlanForm = {
  sections: [
    { key: 'warning_signs', title: 'Step 1: Warning signs', hint: 'Signs a crisis may be starting.' },
    { key: 'people_to_ask', title: 'Step 4: People I can ask for help', hint: 'Names and numbers.' },
    { key: 'reasons_for_living', title: 'The things most important to me, worth living for', hint: 'What matters.' },
  ],
  credit: 'The steps follow the Safety Planning Intervention by Barbara Stanley, PhD, and Gregory K. Brown, PhD (Stanley & Brown, 2008).',
  offline_notice: 'Glimmer works offline and cannot alert anyone. If you might act on these thoughts, call a crisis line or emergency services now.',
  outside_notice: 'When this is on, these lines are also kept in a file beside your journal that is not encrypted.',
};

export function activity(fields: Partial<Activity> = {}): Activity {
  return {
    id: 'a-walk',
    area: 'mind_body',
    name: 'Go for a short walk',
    tiny: 'Walk to the corner and back',
    minutes: 15,
    hidden: false,
    created_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-11-01T10:00:00Z',
    ...fields,
  };
}

export const areas: AreaValue[] = [
  { area: 'relationships', label: 'Relationships', value: '' },
  { area: 'work', label: 'Education and work', value: '' },
  { area: 'recreation', label: 'Recreation and interests', value: '' },
  { area: 'mind_body', label: 'Mind, body and spirituality', value: 'Look after my body' },
  { area: 'responsibilities', label: 'Daily responsibilities', value: '' },
];

export function occurrence(fields: Partial<Occurrence> = {}): Occurrence {
  return {
    id: 'p1@2026-11-26',
    plan_id: 'p1',
    activity_id: 'a-walk',
    activity: 'Go for a short walk',
    tiny: 'Walk to the corner and back',
    area: 'mind_body',
    tz: 'Europe/Berlin',
    date: '2026-11-26',
    time: '18:00:00',
    start: '2026-11-26T17:00:00Z',
    moved: false,
    status: 'planned',
    predicted: 3,
    enjoyment: null,
    mastery: null,
    intensity: null,
    note: '',
    entry_id: null,
    remind_minutes: null,
    ...fields,
  };
}

export function plan(fields: Partial<Plan> = {}): Plan {
  return {
    id: 'p1',
    activity: activity(),
    start_day: '2026-11-23',
    start_time: '18:00:00',
    tz: 'Europe/Berlin',
    rule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR',
    repeats: 'Every Mon, Wed and Fri',
    remind_minutes: 30,
    predicted: 3,
    created_at: '2026-11-20T10:00:00Z',
    ...fields,
  };
}

/** Sync as it stands before anyone sets it up (Settings asks on opening). */
export const syncOff: SyncStatus = { set_up: false, folder: null, folder_missing: false, devices: [], pending: 0, unread: 0, edited_twice: [], passphrase_out_of_step: false };
