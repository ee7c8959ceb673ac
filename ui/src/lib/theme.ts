// Light/dark follows the system unless the person picks one. The choice is
// not private, so it lives in localStorage and applies before unlocking.

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'glimmer-theme';

export function loadTheme(): ThemeChoice {
  const v = localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function applyTheme(choice: ThemeChoice): void {
  localStorage.setItem(KEY, choice);
  if (choice === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', choice);
}
