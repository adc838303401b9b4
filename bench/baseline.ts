import Handlebars from 'handlebars';
import Koa from 'koa';

/**
 * The floor we compare the portal with: a bare Koa app (no middleware) whose one
 * handler renders, with Handlebars, the very HTML the portal returned for the same
 * host and path. Each page becomes a compiled template with one variable, so the
 * baseline does the minimum a server-rendered page needs (route, render, send) and
 * sends the same bytes.
 */
export interface BaselinePage {
  template: Handlebars.TemplateDelegate;
  value: string;
}

export interface Baseline {
  app: Koa;
  /**
   * Registers the portal's `html` for `host` + `path`. The first match of `variable`'s
   * first group becomes `{{value}}` in the template and is rendered back on each request.
   */
  addPage(host: string, path: string, html: string, variable: RegExp): void;
}

/** `html` as a Handlebars template that outputs it verbatim, with `variable`'s first group as `{{value}}`. */
export function templateFor(html: string, variable: RegExp): { source: string; value: string } {
  const match = variable.exec(html);
  if (!match || match[1] === undefined) throw new Error(`the page has no match for ${variable}, the baseline's variable`);
  const value = match[1];
  const start = match.index + match[0].indexOf(value);
  // `\{{` is Handlebars for a literal `{{`: the page's own text must never be read as an expression.
  const literal = (text: string) => text.replace(/\\(?=\{\{)/g, '\\\\').replace(/\{\{/g, '\\{{');
  // Double-stash (escaped) like the portal's own variables, unless escaping would change the value.
  const stash = Handlebars.escapeExpression(value) === value ? '{{value}}' : '{{{value}}}';
  return { source: literal(html.slice(0, start)) + stash + literal(html.slice(start + value.length)), value };
}

export function createBaseline(): Baseline {
  const hbs = Handlebars.create();
  const pages = new Map<string, BaselinePage>();
  const app = new Koa();
  app.silent = true;
  app.use((ctx) => {
    const page = pages.get(ctx.hostname + ctx.path);
    if (!page) return; // Koa answers 404
    ctx.type = 'html';
    ctx.body = page.template({ value: page.value });
  });
  return {
    app,
    addPage(host, path, html, variable) {
      const { source, value } = templateFor(html, variable);
      const template = hbs.compile(source);
      if (template({ value }) !== html) throw new Error(`the baseline template for ${host}${path} does not reproduce the page`);
      pages.set(host + path, { template, value });
    },
  };
}
