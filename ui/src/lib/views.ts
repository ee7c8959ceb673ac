// Every view of the open app, declared once. The session store takes its
// `View` type from here, Nav its links and App what to show and which
// shortcut goes where: adding a view is one line in this list.
import type { Component } from 'svelte';
import type { Shortcut } from './keys';
import Today from '../views/Today.svelte';
import CheckIn from '../views/CheckIn.svelte';
import Journal from '../views/Journal.svelte';
import Search from '../views/Search.svelte';
import Insights from '../views/Insights.svelte';
import Phq9 from '../views/Phq9.svelte';
import SafetyPlan from '../views/SafetyPlan.svelte';
import Settings from '../views/Settings.svelte';
import Editor from '../views/Editor.svelte';
import Numbness from '../views/Numbness.svelte';
import Plan from '../views/Plan.svelte';
import Activities from '../views/Activities.svelte';
import Breathe from '../views/Breathe.svelte';

type ViewEntry<Id extends string = string> = {
  id: Id;
  label: string;
  /** Takes no props: a view reads what it needs from the session store. */
  component: Component<Record<string, never>>;
  /** Listed in the navigation, in this order. */
  nav: boolean;
  shortcut?: Shortcut;
};

const list = [
  { id: 'today', label: 'Today', component: Today, nav: true, shortcut: 'today' },
  { id: 'checkin', label: 'Check in', component: CheckIn, nav: true, shortcut: 'checkin' },
  { id: 'plan', label: 'Plan', component: Plan, nav: true },
  { id: 'activities', label: 'Activities', component: Activities, nav: true },
  { id: 'breathe', label: 'Breathe', component: Breathe, nav: true, shortcut: 'breathe' },
  { id: 'journal', label: 'Journal', component: Journal, nav: true },
  { id: 'search', label: 'Search', component: Search, nav: true, shortcut: 'search' },
  { id: 'insights', label: 'Insights', component: Insights, nav: true },
  { id: 'phq9', label: 'Self-check', component: Phq9, nav: true },
  { id: 'safety', label: 'Safety plan', component: SafetyPlan, nav: true },
  { id: 'settings', label: 'Settings', component: Settings, nav: true },
  { id: 'numbness', label: 'About numbness', component: Numbness, nav: true },
  // Opened with a target (openEditor), so it has its own Write button rather than a link.
  { id: 'editor', label: 'Write', component: Editor, nav: false },
] as const satisfies readonly ViewEntry[];

export type View = (typeof list)[number]['id'];

export const views: readonly ViewEntry<View>[] = list;

/** The view a shortcut opens, if it opens one (lock, save and new are actions). */
export function viewForShortcut(s: Shortcut): View | null {
  return views.find((v) => v.shortcut === s)?.id ?? null;
}
