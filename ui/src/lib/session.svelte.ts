// Where the person is in the app. One small reactive object, shared by views.
import { api } from './api';
import type { Plan } from './bindings/Plan';
import type { Settings } from './bindings/Settings';
import { isCode, toastProblem } from './errors';
import { dismiss } from './toast.svelte';
// Only the type: the list itself imports the views, which import this store.
import type { View } from './views';

export type Phase = 'loading' | 'welcome' | 'recovery-key' | 'locked' | 'open';

/** What the editor should open: a new entry or glimmer, an entry, or a draft. */
export type EditorTarget = { kind: 'new' } | { kind: 'entry'; id: string } | { kind: 'draft'; id: string };

export const session = $state({
  phase: 'loading' as Phase,
  view: 'today' as View,
  editor: { kind: 'new' } as EditorTarget,
  settings: null as Settings | null,
  /** Shown once after setup; cleared as soon as the person confirms. */
  recoveryKey: null as string | null,
  /** The recovery key of a new key given in Settings: kept until the person confirms, shown there once. */
  newRecoveryKey: null as string | null,
  /** Set after unlocking with the recovery key: Settings offers a new passphrase. */
  needsNewPassphrase: false,
  /** The planned activity whose "how did it go?" dialog is open, by occurrence id. */
  completing: null as string | null,
  /** The plan dialog, when open: a new plan (of an activity, if chosen) or a plan to change. */
  planning: null as { activity?: string; plan?: Plan } | null,
  /** Counts changes to plans, so every view showing them reads them again. */
  plansVersion: 0,
});

/** Opens the "how did it go?" dialog for an occurrence, from wherever it was asked for. */
export function complete(occurrence: string): void {
  session.completing = occurrence;
}

/** Opens the plan dialog: for a new plan (of `activity`, if given) or to change `plan`. */
export function planSomething(target: { activity?: string; plan?: Plan } = {}): void {
  session.planning = target;
}

export function plansChanged(): void {
  session.plansVersion += 1;
}

export function go(view: View): void {
  session.view = view;
}

export function openEditor(target: EditorTarget): void {
  session.editor = target;
  session.view = 'editor';
}

/** Work that must reach the vault before it locks (the editor's pending draft). */
const beforeLock = new Set<() => Promise<void>>();

export function onBeforeLock(flush: () => Promise<void>): () => void {
  beforeLock.add(flush);
  return () => beforeLock.delete(flush);
}

/** Runs every pending save; if any could not finish, rejects with its problem once all have. */
export async function flushBeforeLock(): Promise<void> {
  const results = await Promise.allSettled([...beforeLock].map((f) => f()));
  const problem = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (problem) throw problem.reason;
}

export function lockedOut(): void {
  dismiss();
  session.phase = 'locked';
  session.settings = null;
  session.view = 'today';
  session.completing = null;
  session.planning = null;
}

/** Locks at the person's request: pending words are written first. */
export async function lockNow(): Promise<void> {
  try {
    await flushBeforeLock();
  } catch (e) {
    // Locking now would throw away words that aren't saved yet, so Glimmer stays open
    // and says why; unless the vault is locked already, and nothing can be saved until it opens.
    if (!isCode(e, 'locked')) return toastProblem(e, "Glimmer is still open, so your latest words aren't lost.");
  }
  await lockAndShowIt();
}

/**
 * The shell is locking (from the tray, the idle time or the screen lock) and waits a
 * moment for pending words to be written first. It locks anyway soon after, so this
 * locks whatever happened, and says so if the latest words could not be kept.
 */
export async function lockRequested(): Promise<void> {
  let unsaved: unknown = null;
  try {
    await flushBeforeLock();
  } catch (e) {
    unsaved = e;
  }
  await lockAndShowIt();
  if (unsaved !== null) toastProblem(unsaved, "Glimmer locked before your latest words could be kept as a draft.");
}

async function lockAndShowIt(): Promise<void> {
  try {
    await api.lock();
    lockedOut();
  } catch (e) {
    // The screen locks even if the shell could not (the person asked for privacy), and says so.
    lockedOut();
    toastProblem(e);
  }
}
