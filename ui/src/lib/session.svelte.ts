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
  /** Counts changes that arrived from other computers, so views showing them read again. */
  syncVersion: 0,
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

/** Another computer's changes arrived: plans and every view showing records read again. */
export function syncChanged(): void {
  session.syncVersion += 1;
  plansChanged();
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

/**
 * How many screens that must not vanish are open: the self-check and its safety
 * screen, Need help now, the safety plan, a new recovery key. The idle lock waits
 * while any is, and a lock (the screen's, the tray's) that comes anyway brings the
 * person back to the same screen after unlocking.
 */
let holds = 0;
// Rising across reloads too: the shell ignores a word older than the last one heard.
const seqBase = Date.now() * 1024;
let seq = 0;

function sendHolds(): void {
  seq += 1;
  // A hold that doesn't arrive is not something the person can act on; the screen works without it.
  api.holdIdleLock(holds, seqBase + seq).catch(() => {});
}

/** Holds the idle lock while a screen is open; call the returned function when it closes. */
export function holdLock(): () => void {
  holds += 1;
  sendHolds();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds -= 1;
    sendHolds();
  };
}

/** What a held screen keeps when a lock comes, to be found again after unlocking. */
const onLock = new Set<() => void>();

export function keepOnLock(keep: () => void): () => void {
  onLock.add(keep);
  return () => onLock.delete(keep);
}

export function lockedOut(): void {
  dismiss();
  // Read before the views close (and let go of their holds).
  const held = holds > 0;
  for (const keep of onLock) keep();
  session.phase = 'locked';
  session.settings = null;
  if (!held) session.view = 'today';
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
