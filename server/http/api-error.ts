/**
 * A refusal a client can act on: an HTTP status plus the stable SNAKE_CASE code of DESIGN.md §4.
 * Domain code throws these (or a DomainError mapped to one); the error handler renders them.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown>; request_id: string };
}

export function errorBody(code: string, message: string, requestId: string, details: Record<string, unknown> = {}): ErrorBody {
  return { error: { code, message, details, request_id: requestId } };
}
