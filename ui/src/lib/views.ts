// Every view of the open app, declared once. The session store takes its
// `View` type from here, Nav its links, App what to show, the tabs inside a
// place and which shortcut goes where: adding a view is one line in this list.
// Each view is its own chunk, loaded when first opened, so a locked Glimmer
// stays small. The sidebar holds at most seven places, in the order of a day;
// other views live inside one of them (`within`), as tabs.
import type { Component } from 'svelte';
import type { Shortcut } from './keys';

/** A view's module, loaded the first time it is opened: the lock screen loads none of them. */
type Loader = () => Promise<{ default: Component<Record<string, never>> }>;

type ViewEntry<Id extends string = string> = {
  id: Id;
  label: string;
  /** Takes no props: a view reads what it needs from the session store. */
  load: Loader;
  /** One of the places listed in the navigation, in this order. */
  nav: boolean;
  /** A tab inside this place, which the navigation shows as current. */
  within?: Id;
  /** Its name as a tab, when it differs from `label`. */
  tab?: string;
  shortcut?: Shortcut;
};

const list = [
  { id: 'today', label: 'Today', load: () => import('../views/Today.svelte'), nav: true, shortcut: 'today' },
  { id: 'journal', label: 'Journal', tab: 'Entries', load: () => import('../views/Journal.svelte'), nav: true },
  { id: 'search', label: 'Search', within: 'journal', load: () => import('../views/Search.svelte'), nav: false, shortcut: 'search' },
  { id: 'checkin', label: 'Check in', load: () => import('../views/CheckIn.svelte'), nav: true, shortcut: 'checkin' },
  { id: 'phq9', label: 'Self-check', within: 'checkin', load: () => import('../views/Phq9.svelte'), nav: false },
  { id: 'plan', label: 'Plan', tab: 'This week', load: () => import('../views/Plan.svelte'), nav: true },
  { id: 'activities', label: 'Activity library', within: 'plan', load: () => import('../views/Activities.svelte'), nav: false },
  { id: 'breathe', label: 'Breathe', load: () => import('../views/Breathe.svelte'), nav: true, shortcut: 'breathe' },
  { id: 'insights', label: 'Insights', load: () => import('../views/Insights.svelte'), nav: true },
  { id: 'settings', label: 'Settings', load: () => import('../views/Settings.svelte'), nav: true },
  // One click from everywhere, beside "Need help now" rather than among the places.
  { id: 'safety', label: 'Safety plan', load: () => import('../views/SafetyPlan.svelte'), nav: false },
  // Reached from Today and from Need help now.
  { id: 'numbness', label: 'About numbness', load: () => import('../views/Numbness.svelte'), nav: false },
  // Opened with a target (openEditor), so it has its own Write button rather than a link.
  { id: 'editor', label: 'Write', within: 'journal', load: () => import('../views/Editor.svelte'), nav: false },
] as const satisfies readonly ViewEntry[];

export type View = (typeof list)[number]['id'];

export const views: readonly ViewEntry<View>[] = list;

/** The view a shortcut opens, if it opens one (lock, save and new are actions). */
export function viewForShortcut(s: Shortcut): View | null {
  return views.find((v) => v.shortcut === s)?.id ?? null;
}

/** The place in the navigation a view belongs to (itself, for a place). */
export function placeOf(view: View): View {
  return views.find((v) => v.id === view)?.within ?? view;
}

/** The tabs of the place `view` is in: the place itself and the views within it, if any. */
export function tabsOf(view: View): readonly ViewEntry<View>[] {
  const place = placeOf(view);
  const inside = views.filter((v) => v.within === place && v.id !== 'editor');
  return inside.length ? [views.find((v) => v.id === place)!, ...inside] : [];
}
