// The running timer as the page knows it: the shell's view when last read,
// and when that was, so the screen can count on between reads. The shell's
// events (bells, prompts, the end) ring here and refresh the view.
import { api } from './api';
import { ring } from './bell';
import type { Session } from './bindings/Session';
import type { TimerEvent } from './bindings/TimerEvent';
import type { TimerStatus } from './bindings/TimerStatus';
import { session } from './session.svelte';

export const timer = $state({
  /** The shell says whether it is still going (`active`). */
  view: null as TimerStatus | null,
  /** `performance.now()` when `view` was read. */
  readAt: 0,
  /** A session just logged: the screen asks how vividly things feel now. */
  logged: null as Session | null,
  /** Said to screen readers: a prompt, a bell, the end. */
  said: '',
});

export function show(view: TimerStatus | null): void {
  timer.view = view;
  timer.readAt = performance.now();
}

export async function refresh(): Promise<void> {
  show(await api.timerStatus());
}

const volume = () => session.settings?.bell_volume ?? 60;

/** One event from the shell's timer. */
export async function heard(event: TimerEvent): Promise<void> {
  const preset = timer.view?.preset;
  if (event.kind === 'bell') {
    if (preset) ring(preset.sound, event.strikes, volume());
    timer.said = 'A bell.';
  } else if (event.kind === 'completed') {
    if (preset) ring(preset.sound, preset.strikes, volume());
    timer.said = 'The timer has finished.';
  } else if (event.kind === 'settled_in') {
    timer.said = 'Settled in. The timer has begun.';
  }
  await refresh();
  if (event.kind === 'prompt' && timer.view?.prompt) timer.said = timer.view.prompt.text;
}

export function logged(s: Session): void {
  timer.logged = s;
}
