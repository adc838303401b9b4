import type Koa from 'koa';
import type { Middleware } from 'koa';
import { bodyParser } from '@koa/bodyparser';

/**
 * The one body layer in front of every route, before any database work:
 * - a body is read only as a form (urlencoded, within `formBytes` and
 *   `timeoutMs`); multipart is left for the upload route to stream (one that
 *   declares more than `multipartBytes` is refused with 413 unread); any other
 *   type is refused with 415, as is any Content-Encoding but identity (no
 *   browser compresses what it sends, and an inflated body could be any size);
 * - what was read must be text a person could type: C0 control characters
 *   other than tab, CR and LF (NUL first of all) are refused with a 400 page;
 *   vertical tab and form feed, which Word puts in pasted text for line and
 *   page breaks, become line breaks;
 * - a request whose body was not read to its end (refused, too large, too
 *   slow, or not wanted by its route) closes its connection after the answer
 *   instead of draining the rest.
 */

export interface BodyLimits {
  /** The most a form's body may hold, in bytes. */
  formBytes: number;
  /** How long a form's body may take to arrive. */
  timeoutMs: number;
  /** The most a multipart body may declare (Content-Length) before anything is read: more is refused with 413 at once. */
  multipartBytes: number;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const REFUSED = /[\u0000-\u0008\u000E-\u001F]/;
const PAGE_BREAKS = /[\u000B\u000C]/g;
const ANY_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const MAX_DEPTH = 8;

/** An error page the errors layer shows with its own texts (`errors.<page>.*`). */
export function refusal(status: number, reason: string, page?: string): Error {
  return Object.assign(new Error(reason), { status, expose: false, reason, page });
}

/** Whether the request came with a body (a length above zero, or chunks). */
export function hasBody(req: Koa.Request['req']): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** Closes the connection after this answer when the body was not read to its end (nothing more is read from it). */
export function closeUnreadBodies(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } finally {
      if (!ctx.req.complete && !ctx.headerSent) ctx.set('Connection', 'close');
    }
  };
}

/** Replaces page breaks with line breaks and says whether anything a person could not type is left. */
function cleanText(value: unknown, depth = 0): { value: unknown; refused: boolean } {
  if (typeof value === 'string') {
    const cleaned = value.replace(PAGE_BREAKS, '\n');
    return { value: cleaned, refused: REFUSED.test(cleaned) };
  }
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return { value, refused: false };
  let refused = false;
  if (Array.isArray(value)) {
    const items = value.map((item) => {
      const result = cleanText(item, depth + 1);
      refused ||= result.refused;
      return result.value;
    });
    return { value: items, refused };
  }
  const entries = Object.entries(value).map(([key, item]) => {
    const result = cleanText(item, depth + 1);
    refused ||= result.refused || ANY_CONTROL.test(key);
    return [key, result.value] as const;
  });
  return { value: Object.fromEntries(entries), refused };
}

/** Whether any string in these values (or any key) holds a control character a person cannot type (tab, CR, LF, and the page breaks that become line breaks, allowed). */
export function hasControlCharacters(value: unknown): boolean {
  return cleanText(value).refused;
}

/** Whether the path or the query string holds a control character once decoded (throws when the path cannot be decoded). */
function refusedInUrl(ctx: Koa.Context): boolean {
  return ANY_CONTROL.test(decodeURIComponent(ctx.path)) || cleanText(ctx.query).refused;
}

/** The status a body reader's error deserves: its own when it is the client's fault, else 400 (the body was unreadable). */
function statusOf(err: unknown): number {
  const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 400;
}

export function bodyLayer(limits: BodyLimits): Middleware {
  const parse = bodyParser({ enableTypes: ['form'], formLimit: limits.formBytes, encoding: 'utf-8', parsedMethods: [...BODY_METHODS] });
  return async (ctx, next) => {
    let urlRefused = false;
    try {
      urlRefused = refusedInUrl(ctx);
    } catch {
      throw refusal(400, 'an address that cannot be decoded');
    }
    if (urlRefused) throw refusal(400, 'control characters in the address', 'controlCharacters');
    if (!BODY_METHODS.has(ctx.method)) return next();
    if (!hasBody(ctx.req)) {
      ctx.request.body = {};
      return next();
    }

    const encoding = String(ctx.get('content-encoding') || 'identity').trim().toLowerCase();
    if (encoding !== 'identity') throw refusal(415, `content encoding ${encoding}`);
    if (ctx.is('multipart')) {
      const declared = Number(ctx.get('content-length') || 0);
      if (declared > limits.multipartBytes) throw refusal(413, `multipart body of ${declared} bytes`);
      // Streamed by the upload route, which checks its own fields and its file's size as it arrives.
      ctx.request.body = {};
      return next();
    }
    if (!ctx.is('urlencoded')) throw refusal(415, `content type ${ctx.get('content-type') || 'none'}`);

    let timer: NodeJS.Timeout | undefined;
    const tooSlow = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(refusal(408, 'body too slow')), limits.timeoutMs);
    });
    const reading = parse(ctx, async () => {});
    // A body abandoned for being too slow fails later, when its connection closes.
    reading.catch(() => {});
    try {
      await Promise.race([reading, tooSlow]);
    } catch (err) {
      if ((err as { reason?: string }).reason === 'body too slow') throw err;
      throw refusal(statusOf(err), `unreadable body: ${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    const { value, refused } = cleanText(ctx.request.body ?? {});
    if (refused) throw refusal(400, 'control characters in a field', 'controlCharacters');
    ctx.request.body = value;
    await next();
  };
}
