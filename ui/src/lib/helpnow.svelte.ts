// Whether "Need help now" is open. One flag for every place that opens it (the
// button on each screen, the self-check's result, Today, the numbness page), and
// it outlives a lock: help open when the screen locks stays open over the lock
// screen, and after unlocking.
export const helpNow = $state({ open: false });

export function openHelpNow(): void {
  helpNow.open = true;
}
