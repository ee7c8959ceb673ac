import { describe, expect, it } from 'vitest';
import { shortcutLabel, shortcutOf } from './keys';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('uses Ctrl elsewhere and Cmd on macOS', () => {
    expect(shortcutOf(key('l', { ctrlKey: true }), false)).toBe('lock');
    expect(shortcutOf(key('L', { ctrlKey: true }), false)).toBe('lock');
    expect(shortcutOf(key('l', { metaKey: true }), false)).toBeNull();
    expect(shortcutOf(key('l', { metaKey: true }), true)).toBe('lock');
    expect(shortcutOf(key('l', { ctrlKey: true }), true)).toBeNull();
  });

  it('maps save, search, new and today, and ignores the rest', () => {
    expect(shortcutOf(key('s', { ctrlKey: true }), false)).toBe('save');
    expect(shortcutOf(key('f', { ctrlKey: true }), false)).toBe('search');
    expect(shortcutOf(key('n', { ctrlKey: true }), false)).toBe('new');
    expect(shortcutOf(key('d', { ctrlKey: true }), false)).toBe('today');
    expect(shortcutOf(key('k', { ctrlKey: true }), false)).toBe('checkin');
    expect(shortcutOf(key('k', { metaKey: true }), true)).toBe('checkin');
    expect(shortcutOf(key('s'), false)).toBeNull();
    expect(shortcutOf(key('s', { ctrlKey: true, altKey: true }), false)).toBeNull();
    expect(shortcutOf(key('x', { ctrlKey: true }), false)).toBeNull();
  });
});

describe('shortcut labels', () => {
  it('name the same key the shortcut listens for', () => {
    expect(shortcutLabel('today', false)).toBe('Ctrl+D');
    expect(shortcutLabel('checkin', true)).toBe('⌘+K');
    expect(shortcutOf(key('d', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });
});
