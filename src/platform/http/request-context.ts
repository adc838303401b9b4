import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { runInRequest } from '../request-scope.js';

/** A request id (kept from a trusted proxy's X-Request-Id) and one structured log line per request. */
export function requestContext(logger: Logger): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const id = /^[A-Za-z0-9-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = id;
    ctx.set('X-Request-Id', id);
    ctx.state.log = logger.child({ requestId: id });
    const started = process.hrtime.bigint();
    try {
      await runInRequest({ requestId: id, ip: ctx.ip, actor: { type: 'anonymous' } }, next);
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      ctx.state.log.info({ method: ctx.method, host: ctx.hostname, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10 }, 'request');
    }
  };
}
