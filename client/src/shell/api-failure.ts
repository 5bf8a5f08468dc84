import type { ApiErrorBody, ValidationIssue } from '../../../api/index';

/** A refused or failed API call, parsed from the `{error:{code,message,details,request_id}}` shape. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly requestId = '',
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  /** Per-field problems of a 400 VALIDATION_FAILED, keyed by field path. */
  fieldIssues(): Record<string, string> {
    const issues = this.details['issues'];
    const byField: Record<string, string> = {};
    if (!Array.isArray(issues)) return byField;
    for (const issue of issues as unknown[]) {
      if (typeof issue !== 'object' || issue === null) continue;
      const { path, message } = issue as Partial<Record<keyof ValidationIssue, unknown>>;
      if (typeof path === 'string' && typeof message === 'string') byField[path] ??= message;
    }
    return byField;
  }

  static async fromResponse(response: Response): Promise<ApiFailure> {
    const body: unknown = await response.json().catch(() => null);
    const error = typeof body === 'object' && body !== null ? (body as Partial<Record<keyof ApiErrorBody, unknown>>).error : undefined;
    if (typeof error === 'object' && error !== null) {
      const { code, message, details, request_id: requestId } = error as Partial<Record<keyof ApiErrorBody['error'], unknown>>;
      if (typeof code === 'string' && typeof message === 'string') {
        return new ApiFailure(response.status, code, message, isRecord(details) ? details : {}, typeof requestId === 'string' ? requestId : '');
      }
    }
    return new ApiFailure(response.status, `HTTP_${response.status}`, `The server answered ${response.status} ${response.statusText}`.trim());
  }

  static network(cause: unknown): ApiFailure {
    const failure = new ApiFailure(0, 'NETWORK', 'Could not reach StoryVerse. Check your connection and try again.');
    failure.cause = cause;
    return failure;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
