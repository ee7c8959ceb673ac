// Answers the mocked `invoke` per command, the way the shell would.
import { invoke } from '@tauri-apps/api/core';
import { vi } from 'vitest';
import type { ErrorCode } from '../lib/bindings/ErrorCode';

type Reply = unknown | ((args: Record<string, unknown> | undefined) => unknown);

/** A reply that rejects as the shell does: with the core's `{ code, message }`. */
export function refuse(code: ErrorCode, message: string) {
  return () => {
    throw { code, message };
  };
}

/** A reply that rejects with something that is not a core error at all. */
export function slip(what = 'bridge gone') {
  return () => {
    throw new TypeError(what);
  };
}

/** Sets how each command answers; a command with no reply rejects, so none goes unnoticed. */
export function answer(replies: Record<string, Reply>): void {
  vi.mocked(invoke).mockImplementation(async (cmd: string, args?: unknown) => {
    if (!(cmd in replies)) throw new Error(`test: no reply for ${cmd}`);
    const r = replies[cmd];
    return typeof r === 'function' ? r(args as Record<string, unknown> | undefined) : r;
  });
}

/** Where this test's calls begin in the mock's record (set in beforeEach with `markCalls`). */
let from = 0;

export function markCalls(): void {
  from = vi.mocked(invoke).mock.calls.length;
}

/** The arguments of every call of `cmd` since `markCalls`, in order. */
export function callsOf(cmd: string): Record<string, unknown>[] {
  return vi
    .mocked(invoke)
    .mock.calls.slice(from)
    .filter(([c]) => c === cmd)
    .map(([, args]) => args as Record<string, unknown>);
}
