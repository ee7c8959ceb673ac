// Keyboard shortcuts. "Mod" is Ctrl, or Cmd on macOS.

export type Shortcut = 'lock' | 'save' | 'search' | 'new' | 'today' | 'checkin' | 'breathe';

// One table for both reading a key press and labelling buttons with their key.
const letters: Record<Shortcut, string> = {
  lock: 'L',
  save: 'S',
  search: 'F',
  new: 'N',
  today: 'D',
  checkin: 'K',
  breathe: 'B',
};

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

export function shortcutOf(e: KeyLike, mac: boolean = isMac): Shortcut | null {
  const mod = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (!mod || e.altKey) return null;
  const key = e.key.toUpperCase();
  const found = (Object.keys(letters) as Shortcut[]).find((s) => letters[s] === key) ?? null;
  // Only a plain Mod+D means Today; Mod+Shift+D is left alone, as it always was.
  return found === 'today' && e.shiftKey ? null : found;
}

export function modLabel(mac: boolean = isMac): string {
  return mac ? '⌘' : 'Ctrl';
}

/** How a shortcut reads in a tooltip, e.g. "Ctrl+K". */
export function shortcutLabel(s: Shortcut, mac: boolean = isMac): string {
  return `${modLabel(mac)}+${letters[s]}`;
}
