// Light/dark follows the system unless the person picks one. The choice is
// not private, so it lives in localStorage and applies before unlocking.

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'glimmer-theme';
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');

export function loadTheme(): ThemeChoice {
  const v = localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function applyTheme(choice: ThemeChoice): void {
  localStorage.setItem(KEY, choice);
  const dark = choice === 'dark' || (choice === 'system' && systemDark.matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

// Follow the system as it changes (e.g. at dusk), unless a theme was chosen.
systemDark.addEventListener('change', () => applyTheme(loadTheme()));
