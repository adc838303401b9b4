import { readdirSync } from 'node:fs';
import path from 'node:path';
import { LOCALES_DIR } from '../../src/i18n/index.js';

/**
 * Following the links a person can follow: from some start pages, every link on
 * the same site (GET only), each kind of page once (ids in a path count as one
 * page: /send/people/<id> is one page whatever the child).
 */

/** Paths a crawl never opens: signing out, files, the shared assets, the dev mailbox, other languages. */
const SKIP = [/^\/(assets|_dev|healthz|readyz|theme\.css|logo|favicon)/, /sign-out/, /\/(pdf|json|download)(\/|$|\?)/, /\.(pdf|json|png|jpg|svg|css|js)$/, /[?&]lang=/];

/** A path with its ids and numbers replaced, so each kind of page is opened once. */
export function pageKind(url: string): string {
  return url
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id')
    .replace(/\/\d+(?=\/|$|\?)/g, '/:n')
    .replace(/\?.*$/, (q) => q.replace(/=[^&]*/g, '='));
}

/** The same-site links of a page (relative paths), decoded as a browser reads them. */
export function linksOf(html: string): string[] {
  const links: string[] = [];
  for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)) {
    const href = m[1]!.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=').split('#')[0]!;
    if (!href.startsWith('/') || href.startsWith('//')) continue;
    if (SKIP.some((s) => s.test(href))) continue;
    links.push(href);
  }
  return links;
}

export interface CrawledPage {
  url: string;
  status: number;
  html: string;
}

/**
 * Opens `starts`, then every page linked from them (breadth first), each kind once,
 * up to `limit` pages. `open` fetches a path and returns where it ended (after redirects).
 */
export async function crawl(open: (url: string) => Promise<CrawledPage>, starts: string[], limit = 120, skip: RegExp[] = []): Promise<CrawledPage[]> {
  const seen = new Set<string>();
  const queue = [...starts];
  const pages: CrawledPage[] = [];
  while (queue.length && pages.length < limit) {
    const url = queue.shift()!;
    const kind = pageKind(url);
    if (seen.has(kind) || skip.some((s) => s.test(url))) continue;
    seen.add(kind);
    const page = await open(url);
    seen.add(pageKind(page.url));
    pages.push(page);
    if (page.status < 400) for (const link of linksOf(page.html)) if (!seen.has(pageKind(link))) queue.push(link);
  }
  return pages;
}

/** The first parts of every i18n key: the locale files' names (common, sign-in, backoffice…). */
const NAMESPACES = readdirSync(path.join(LOCALES_DIR, 'en'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort((a, b) => b.length - a.length);

const KEY = new RegExp(`(?<![\\w@./-])(?:${NAMESPACES.map((n) => n.replace(/-/g, '\\-')).join('|')})\\.(?!(?:js|mjs|css|json|svg|png|html)\\b)[A-Za-z][\\w-]*(?:\\.[\\w-]+)*(?![\\w.-]*@)`, 'g');

/** What a person sees or hears of a page: its text and the attributes read out or shown (labels, titles, placeholders, alt texts, values of buttons). */
export function shownText(html: string): string {
  const attributes = [...html.matchAll(/\b(?:aria-label|title|alt|placeholder)="([^"]*)"/g)].map((m) => m[1]);
  // Texts for the browser scripts keep their {{placeholders}} for the script to fill; only keys count there.
  const scriptTexts = [...html.matchAll(/\bdata-[\w-]+="([^"]*)"/g)].map((m) => m[1]!.replace(/\{\{\s*\w+\s*\}\}/g, '{n}'));
  const text = html
    .replace(/<script\b[\s\S]*?<\/script>/g, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return `${text} ${attributes.join(' ')} ${scriptTexts.join(' ')}`;
}

/** i18n keys shown to a person as they are ("backoffice.emails.approved"), and {{placeholders}} left unfilled. */
export function rawKeysIn(text: string): string[] {
  const found = [...text.matchAll(KEY)].map((m) => m[0]);
  const placeholders = [...text.matchAll(/\{\{\s*[\w.]+\s*\}\}/g)].map((m) => m[0]);
  return [...new Set([...found, ...placeholders])];
}
