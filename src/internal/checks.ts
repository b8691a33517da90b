// The generic argument checks every entry shares: one wording for every bad value.

/**
 * The TypeError of every bad argument or option: `${subject} must be ${expected}, got ${value}`,
 * with the value rendered by `describeValue`.
 */
export function mustBe(subject: string, expected: string, value: unknown): never {
  throw new TypeError(`${subject} must be ${expected}, got ${describeValue(value)}`);
}

/** A short, safe rendering of any value for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  // Objects and functions by their type only: their contents could be huge, or secret.
  return value !== null && (typeof value === 'object' || typeof value === 'function') ? typeof value : String(value);
}
