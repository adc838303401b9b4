import { formatDateTime } from '../../i18n/dates.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { TFunction } from 'i18next';
import { localise, type Language } from '../../i18n/index.js';
import type { LocalisedText } from '../../i18n/text.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
export const THEMES_DIR = path.join(ROOT, 'themes');
const SRC_DIR = path.join(ROOT, 'src');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/**
 * Compiles every template once at start-up:
 * - layouts:  themes/<theme>/layouts/<name>.hbs
 * - partials: themes/<theme>/partials/<name>.hbs (and src/<domain>/views/partials/<name>.hbs)
 * - pages:    src/<domain>/views/<page>.hbs, named "<domain>/<page>"
 */
export class Views {
  readonly hbs = Handlebars.create();
  private pages = new Map<string, Handlebars.TemplateDelegate>();
  private layouts = new Map<string, Handlebars.TemplateDelegate>();

  constructor(theme = 'default') {
    registerHelpers(this.hbs);
    const themeDir = path.join(THEMES_DIR, theme);
    const partialsDir = path.join(themeDir, 'partials');
    for (const file of walk(partialsDir).filter((f) => f.endsWith('.hbs'))) {
      // themes/default/partials/field/input.hbs is the partial "field/input".
      this.hbs.registerPartial(path.relative(partialsDir, file).replace(/\.hbs$/, '').split(path.sep).join('/'), readFileSync(file, 'utf8'));
    }
    for (const file of walk(path.join(themeDir, 'layouts')).filter((f) => f.endsWith('.hbs'))) {
      this.layouts.set(path.basename(file, '.hbs'), this.hbs.compile(readFileSync(file, 'utf8'), { strict: false }));
    }
    for (const file of walk(SRC_DIR).filter((f) => f.endsWith('.hbs') && f.includes(`${path.sep}views${path.sep}`))) {
      // src/accounts/sign-in/views/code.hbs is the page "accounts/sign-in/code";
      // src/<...>/views/partials/x.hbs is the partial "<...>/x".
      const parts = path.relative(SRC_DIR, file).replace(/\.hbs$/, '').split(path.sep).filter((p) => p !== 'views');
      if (parts.includes('partials')) {
        this.hbs.registerPartial(parts.filter((p) => p !== 'partials').join('/'), readFileSync(file, 'utf8'));
      } else {
        this.pages.set(parts.join('/'), this.hbs.compile(readFileSync(file, 'utf8')));
      }
    }
  }

  render(page: string, locals: Record<string, unknown>, layout = 'main'): string {
    const template = this.pages.get(page);
    if (!template) throw new Error(`No view "${page}"`);
    const body = template(locals);
    const wrapper = this.layouts.get(layout);
    if (!wrapper) throw new Error(`No layout "${layout}"`);
    return wrapper({ ...locals, body });
  }

  has(page: string): boolean {
    return this.pages.has(page);
  }
}

export { formatDateTime };

interface RenderRoot {
  t: TFunction;
  lang: Language;
}

function registerHelpers(hbs: typeof Handlebars) {
  /** {{t "home.title" name=value}}: a locale text in the page language. */
  hbs.registerHelper('t', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
    const root = options.data.root as RenderRoot;
    return root.t(key, options.hash);
  });
  /** {{tt tenant.name}}: a tenant's own text in the page language. */
  hbs.registerHelper('tt', function (this: unknown, text: LocalisedText, options: Handlebars.HelperOptions) {
    return localise(text, (options.data.root as RenderRoot).lang);
  });
  /** {{date value}}: "26 November 2026, 14:05" (Welsh month names in Welsh), UK time. */
  hbs.registerHelper('date', function (this: unknown, value: Date | string | null, options: Handlebars.HelperOptions) {
    if (!value) return '';
    const lang = (options.data.root as RenderRoot).lang;
    return formatDateTime(new Date(value), lang);
  });
  /** {{#each (lines text)}}: a text's paragraphs. */
  hbs.registerHelper('lines', (text: string) => String(text ?? '').split(/\n\s*\n|\r?\n/).filter((l) => l.trim()));
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
}
