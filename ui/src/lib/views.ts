// Every view of the open app, declared once. The session store takes its
// `View` type from here, Nav its links and App what to show and which
// shortcut goes where: adding a view is one line in this list. Each view is
// its own chunk, loaded when first opened, so a locked Glimmer stays small.
import type { Component } from 'svelte';
import type { Shortcut } from './keys';

/** A view's module, loaded the first time it is opened: the lock screen loads none of them. */
type Loader = () => Promise<{ default: Component<Record<string, never>> }>;

type ViewEntry<Id extends string = string> = {
  id: Id;
  label: string;
  /** Takes no props: a view reads what it needs from the session store. */
  load: Loader;
  /** Listed in the navigation, in this order. */
  nav: boolean;
  shortcut?: Shortcut;
};

const list = [
  { id: 'today', label: 'Today', load: () => import('../views/Today.svelte'), nav: true, shortcut: 'today' },
  { id: 'checkin', label: 'Check in', load: () => import('../views/CheckIn.svelte'), nav: true, shortcut: 'checkin' },
  { id: 'plan', label: 'Plan', load: () => import('../views/Plan.svelte'), nav: true },
  { id: 'activities', label: 'Activities', load: () => import('../views/Activities.svelte'), nav: true },
  { id: 'breathe', label: 'Breathe', load: () => import('../views/Breathe.svelte'), nav: true, shortcut: 'breathe' },
  { id: 'journal', label: 'Journal', load: () => import('../views/Journal.svelte'), nav: true },
  { id: 'search', label: 'Search', load: () => import('../views/Search.svelte'), nav: true, shortcut: 'search' },
  { id: 'insights', label: 'Insights', load: () => import('../views/Insights.svelte'), nav: true },
  { id: 'phq9', label: 'Self-check', load: () => import('../views/Phq9.svelte'), nav: true },
  { id: 'safety', label: 'Safety plan', load: () => import('../views/SafetyPlan.svelte'), nav: true },
  { id: 'settings', label: 'Settings', load: () => import('../views/Settings.svelte'), nav: true },
  { id: 'numbness', label: 'About numbness', load: () => import('../views/Numbness.svelte'), nav: true },
  // Opened with a target (openEditor), so it has its own Write button rather than a link.
  { id: 'editor', label: 'Write', load: () => import('../views/Editor.svelte'), nav: false },
] as const satisfies readonly ViewEntry[];

export type View = (typeof list)[number]['id'];

export const views: readonly ViewEntry<View>[] = list;

/** The view a shortcut opens, if it opens one (lock, save and new are actions). */
export function viewForShortcut(s: Shortcut): View | null {
  return views.find((v) => v.shortcut === s)?.id ?? null;
}
