// One quiet message at a time, optionally with an Undo.

export type Toast = { id: number; text: string; undo?: () => void | Promise<void> };

export const toasts = $state({ current: null as Toast | null });

let next = 1;
let timer: ReturnType<typeof setTimeout> | null = null;

export function toast(text: string, undo?: Toast['undo'], ms = 8000): void {
  if (timer) clearTimeout(timer);
  toasts.current = { id: next++, text, undo };
  timer = setTimeout(() => (toasts.current = null), ms);
}

export function dismiss(): void {
  if (timer) clearTimeout(timer);
  toasts.current = null;
}
