/**
 * A rule refused an action (not a bug). Services throw these with a stable code; the HTTP layer
 * maps codes to statuses and rooms send them as `error` messages, both in the DESIGN.md §4 shape.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
