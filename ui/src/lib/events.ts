// Everything the shell tells the page, by name, with what each carries. The
// shell's tests compare this list with `src-tauri/src/events.rs` and keep
// every other file from listening on its own; `listenAll` wants a handler
// for each name here. So a name the shell sends and the page ignores, or one
// the page waits for and the shell never sends, fails a check.
import { listen } from '@tauri-apps/api/event';
import type { Session } from './bindings/Session';
import type { TimerEvent } from './bindings/TimerEvent';

export interface ShellEvents {
  'lock-requested': null;
  'vault-locked': null;
  'backup-problem': string;
  'open-checkin': null;
  'open-self-check': null;
  'open-occurrence': string;
  'open-timer': null;
  'timer-event': TimerEvent;
  'timer-logged': Session;
  'plans-changed': null;
  'sync-changed': null;
  'sync-problem': string;
  'sync-notice': string;
}

export type ShellHandlers = { [Name in keyof ShellEvents]: (payload: ShellEvents[Name]) => unknown };

/** Listens for every event the shell sends; returns what stops listening. */
export function listenAll(handlers: ShellHandlers): () => void {
  const names = Object.keys(handlers) as (keyof ShellEvents)[];
  const stops = names.map((name) => {
    // Each handler takes its own event's payload; TypeScript cannot follow that through the loop.
    const handle = handlers[name] as (payload: unknown) => unknown;
    return listen(name, (e) => handle(e.payload));
  });
  return () => {
    for (const stop of stops) stop.then((f) => f());
  };
}
