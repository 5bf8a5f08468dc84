import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../shared/logger';
import { DomainError } from '../shared/domain-error';
import { ApiError, errorBody } from './api-error';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { statusForDomainCode } from './domain-status';
import { zodIssues } from './validate';

/** Any route nobody claimed. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'ROUTE_NOT_FOUND', `No route for ${req.method} ${req.path}`));
};

/** Renders every failure in the DESIGN.md §4 shape; only a real bug becomes a 500 (and is logged). */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const requestId = String(res.locals.requestId ?? '');
    const { status, code, message, details, headers } = describe(error);
    if (status >= 500) logger.error({ err: error, requestId, method: req.method, path: req.path }, 'request failed');
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.status(status).json(errorBody(code, message, requestId, details));
  };
}

interface Described {
  status: number;
  code: string;
  message: string;
  details: Record<string, unknown>;
  headers: Record<string, string>;
}

function describe(error: unknown): Described {
  if (error instanceof ApiError) return { status: error.status, code: error.code, message: error.message, details: error.details, headers: error.headers };
  if (error instanceof DomainError) return { status: statusForDomainCode(error.code), code: error.code, message: error.message, details: error.details, headers: {} };
  if (error instanceof ZodError) return { status: 400, code: 'VALIDATION_FAILED', message: 'The request is not valid', details: { issues: zodIssues(error) }, headers: {} };
  const bodyParserType = (error as { type?: unknown })?.type;
  if (bodyParserType === 'entity.parse.failed') return plain(400, 'MALFORMED_JSON', 'The request body is not valid JSON');
  if (bodyParserType === 'entity.too.large') return plain(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
  if (bodyParserType === 'encoding.unsupported' || bodyParserType === 'charset.unsupported') return plain(415, 'UNSUPPORTED_ENCODING', 'The request body encoding is not supported');
  const status = (error as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return plain(status, 'BAD_REQUEST', 'The request could not be read');
  if (isDatabaseUnavailable(error)) return { status: 503, code: 'DATABASE_UNAVAILABLE', message: 'The service cannot reach its database right now; try again shortly', details: {}, headers: { 'Retry-After': '2' } };
  return plain(500, 'INTERNAL', 'Something went wrong on our side');
}

const plain = (status: number, code: string, message: string): Described => ({ status, code, message, details: {}, headers: {} });
