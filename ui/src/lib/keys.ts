// Keyboard shortcuts. "Mod" is Ctrl, or Cmd on macOS.

export type Shortcut = 'lock' | 'save' | 'search' | 'new' | 'today' | 'checkin';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

export function shortcutOf(e: KeyLike, mac: boolean = isMac): Shortcut | null {
  const mod = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (!mod || e.altKey) return null;
  switch (e.key.toLowerCase()) {
    case 'l':
      return 'lock';
    case 's':
      return 'save';
    case 'f':
      return 'search';
    case 'n':
      return 'new';
    case 'k':
      return 'checkin';
    case 'd':
      return e.shiftKey ? null : 'today';
    default:
      return null;
  }
}

export function modLabel(mac: boolean = isMac): string {
  return mac ? '⌘' : 'Ctrl';
}
