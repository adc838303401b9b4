import busboy from 'busboy';
import type Koa from 'koa';

/** The one file of a multipart form, refused past `maxBytes` while it streams (nothing is kept on disk). */
export function readOneFile(ctx: Koa.Context, maxBytes: number): Promise<{ bytes: Buffer; tooLarge: boolean } | undefined> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: ctx.req.headers, limits: { files: 1, fileSize: maxBytes, fields: 5, fieldSize: 1024 } });
    } catch {
      resolve(undefined);
      return;
    }
    let result: { bytes: Buffer; tooLarge: boolean } | undefined;
    parser.on('file', (_name, stream) => {
      const chunks: Buffer[] = [];
      let tooLarge = false;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        tooLarge = true;
      });
      stream.on('end', () => {
        result = { bytes: Buffer.concat(chunks), tooLarge };
      });
    });
    parser.on('error', reject);
    parser.on('close', () => resolve(result));
    ctx.req.pipe(parser);
  });
}
