import type { MikroORM } from '@mikro-orm/core';
import type { RequestHandler } from 'express';

/** 200 when this process can reach its database, 503 otherwise (load balancers route on it). */
export function healthHandler(orm: MikroORM, startedAt: Date): RequestHandler {
  return (_req, res) => {
    orm.em
      .fork()
      .getConnection()
      .execute('select 1')
      .then(
        () => res.json({ status: 'ok', database: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000) }),
        () => res.status(503).json({ status: 'unavailable', database: 'unreachable' }),
      );
  };
}
