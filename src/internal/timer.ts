/** `setTimeout` runs anything longer than this after 1 ms: no timer closewise sets is longer. */
export const MAX_TIMER_MS = 2_147_483_647;
