// One quiet message at a time, optionally with an Undo. Messages fade after
// a while, except ones the person must not miss (ms = null), which stay until dismissed.

export type Toast = { id: number; text: string; undo?: () => void | Promise<void> };

export const toasts = $state({ current: null as Toast | null });

let next = 1;
let timer: ReturnType<typeof setTimeout> | null = null;

export function toast(text: string, undo?: Toast['undo'], ms: number | null = 8000): void {
  if (timer) clearTimeout(timer);
  toasts.current = { id: next++, text, undo };
  timer = ms === null ? null : setTimeout(() => (toasts.current = null), ms);
}

export function dismiss(): void {
  if (timer) clearTimeout(timer);
  toasts.current = null;
}
