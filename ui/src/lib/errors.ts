// Whatever goes wrong reaches the person as one calm, plain sentence; nothing
// is swallowed. Views show it next to what it concerns; anything no view
// caught reaches the toast through App's window handlers.
import { ApiError, SOMETHING_WENT_WRONG } from './api';
import { toast } from './toast.svelte';

/**
 * The sentence to show for `e`: Glimmer's core writes its errors for people,
 * so an ApiError's message is shown as it is; anything else is a slip in the
 * app itself, which has no sentence worth showing.
 * `lead` says first what it means here, e.g. "Your plan isn't saved yet."
 */
export function messageOf(e: unknown, lead = ''): string {
  const said = e instanceof ApiError && e.message ? e.message : SOMETHING_WENT_WRONG;
  return lead ? `${lead} ${said}` : said;
}

/** True if `e` is the core's error with this code. */
export function isCode(e: unknown, code: ApiError['code']): boolean {
  return e instanceof ApiError && e.code === code;
}

/** Shows the sentence for `e` in the toast, until the person dismisses it. */
export function toastProblem(e: unknown, lead = ''): void {
  toast(messageOf(e, lead), undefined, null);
}

/** For `<svelte:window onunhandledrejection>`: a promise nobody caught. */
export function onUnhandledRejection(e: PromiseRejectionEvent): void {
  toastProblem(e.reason);
}

/** For `<svelte:window onerror>`: an exception nobody caught. */
export function onUncaughtError(e: Event): void {
  // Notices with no error object (a ResizeObserver loop, another origin's
  // script) are not something the person did or can act on.
  if (e instanceof ErrorEvent && e.error != null) toastProblem(e.error);
}
