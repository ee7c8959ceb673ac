// Where the person is in the app. One small reactive object, shared by views.
import type { Settings } from './bindings/Settings';
import { dismiss } from './toast.svelte';

export type Phase = 'loading' | 'welcome' | 'recovery-key' | 'locked' | 'open';
export type View = 'today' | 'journal' | 'editor' | 'search' | 'settings';

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

export function lockedOut(): void {
  dismiss();
  session.phase = 'locked';
  session.settings = null;
  session.view = 'today';
}
