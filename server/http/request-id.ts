import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

const acceptableId = /^[A-Za-z0-9._-]{1,100}$/;

/** Tags each request with an id (the caller's X-Request-Id when sane) for logs and error bodies. */
export const requestId: RequestHandler = (req, res, next) => {
  const incoming = req.get('x-request-id');
  const id = incoming && acceptableId.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
};
