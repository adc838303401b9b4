import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Middleware } from 'koa';
import send from 'koa-send';
import * as sass from 'sass';
import { THEMES_DIR } from './views.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const GOVUK_DIST = path.join(ROOT, 'node_modules/govuk-frontend/dist/govuk');
const LONG_CACHE = 'public, max-age=31536000, immutable';

export interface CompiledStyles {
  css: string;
  version: string;
}

/**
 * Compiles the theme's Sass (GOV.UK Frontend plus our header and footer) once,
 * cached on disk by the hash of its inputs so restarts and test runs are instant.
 */
export async function compileStyles(cacheDir: string, theme = 'default'): Promise<CompiledStyles> {
  const entry = path.join(THEMES_DIR, theme, 'styles/app.scss');
  const govukVersion = JSON.parse(await readFile(path.join(ROOT, 'node_modules/govuk-frontend/package.json'), 'utf8')).version;
  const version = createHash('sha256').update(await readFile(entry)).update(govukVersion).digest('hex').slice(0, 16);
  const cached = path.join(cacheDir, `app-${theme}-${version}.css`);
  if (existsSync(cached)) return { css: await readFile(cached, 'utf8'), version };
  const result = await sass.compileAsync(entry, {
    style: 'compressed',
    importers: [new sass.NodePackageImporter(ROOT)],
    quietDeps: true,
  });
  await mkdir(cacheDir, { recursive: true });
  await writeFile(cached, result.css);
  return { css: result.css, version };
}

/** Shared static files, the same for every host. */
export function assets(styles: CompiledStyles): Middleware {
  const folders: [string, string, string][] = [
    ['/assets/govuk/', GOVUK_DIST, 'public, max-age=86400'],
    // GOV.UK's accessible-autocomplete (role suggestions), as published.
    ['/assets/accessible-autocomplete/', path.join(ROOT, 'node_modules/accessible-autocomplete/dist'), 'public, max-age=86400'],
    ['/assets/js/', path.join(THEMES_DIR, 'default/js'), 'public, max-age=3600'],
  ];
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/assets/') || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    if (ctx.path === '/assets/app.css') {
      ctx.type = 'text/css';
      ctx.set('Cache-Control', LONG_CACHE);
      ctx.body = styles.css;
      return;
    }
    for (const [prefix, root, cache] of folders) {
      if (ctx.path.startsWith(prefix)) {
        ctx.set('Cache-Control', cache);
        // koa-send refuses paths that leave `root` and hidden files.
        const served = await send(ctx, ctx.path.slice(prefix.length), { root }).catch(() => undefined);
        if (served) return;
        ctx.remove('Cache-Control');
      }
    }
    return next();
  };
}
