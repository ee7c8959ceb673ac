// Small payloads shaped like the core's, for component tests.
import type { EntrySummary } from '../lib/bindings/EntrySummary';
import type { Phq9Form } from '../lib/bindings/Phq9Form';
import type { SafetyPlan } from '../lib/bindings/SafetyPlan';

export function safetyPlan(fields: Partial<SafetyPlan> = {}): SafetyPlan {
  return {
    warning_signs: [],
    coping_strategies: [],
    distractions: [],
    people_to_ask: [],
    professionals: [],
    safer_environment: [],
    reasons_for_living: [],
    crisis_line: { country: 'United States', name: '988 Suicide & Crisis Lifeline', call: '988', text: '988' },
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
};
