import type Koa from 'koa';

/** `attachment` with `filename*` (RFC 6266/5987) for any name, and a plain ASCII `filename` for old clients. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Headers of a personal file sent to the browser: how to save or show it, never cached, never sniffed as another type. */
export function privateFileHeaders(ctx: Koa.Context, disposition: string, type: string): void {
  ctx.set('Content-Disposition', disposition);
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.type = type;
}

/** A personal file (a stored document) sent to the browser, with the headers above. */
export function sendPrivateFile(ctx: Koa.Context, file: { disposition: string; type: string; length?: number; body: NonNullable<Koa.Context['body']> }): void {
  privateFileHeaders(ctx, file.disposition, file.type);
  if (file.length !== undefined) ctx.length = file.length;
  ctx.body = file.body;
}
