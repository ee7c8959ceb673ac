// Where the person is in the app. One small reactive object, shared by views.
import type { Settings } from './bindings/Settings';
import { dismiss } from './toast.svelte';

export type Phase = 'loading' | 'welcome' | 'recovery-key' | 'locked' | 'open';
export type View = 'today' | 'journal' | 'editor' | 'search' | 'settings' | 'checkin' | 'phq9' | 'safety' | 'insights';

/** What the editor should open: a new entry or glimmer, an entry, or a draft. */
export type EditorTarget = { kind: 'new' } | { kind: 'entry'; id: string } | { kind: 'draft'; id: string };

export const session = $state({
  phase: 'loading' as Phase,
  view: 'today' as View,
  editor: { kind: 'new' } as EditorTarget,
  settings: null as Settings | null,
  /** Shown once after setup; cleared as soon as the person confirms. */
  recoveryKey: null as string | null,
  /** Set after unlocking with the recovery key: Settings offers a new passphrase. */
  needsNewPassphrase: false,
});

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

export async function flushBeforeLock(): Promise<void> {
  await Promise.allSettled([...beforeLock].map((f) => f()));
}

export function lockedOut(): void {
  dismiss();
  session.phase = 'locked';
  session.settings = null;
  session.view = 'today';
}
