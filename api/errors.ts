/** One field the server refused in a `400 VALIDATION_FAILED`: `path` is dotted (`(body)` for the whole body). */
export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * Every 4xx/5xx answer of every /v1 route (DESIGN.md §4). `code` is a stable SNAKE_CASE word a
 * client may act on; `details` holds per-code facts (`issues: ValidationIssue[]` for
 * VALIDATION_FAILED); `request_id` names the request in the server's log.
 */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details: Record<string, unknown>;
    request_id: string;
  };
}
