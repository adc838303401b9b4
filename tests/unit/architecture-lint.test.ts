import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module of the lint script, without types
import { checkArchitecture, tablesNamedIn, unownedTables } from '../../scripts/lint/architecture.mjs';
// @ts-expect-error plain JavaScript module of the lint script, without types
import { checkFollowBudgets, follow, runtimeImportsOf } from '../../scripts/lint/follow.mjs';

const check = (files: Record<string, string>): string[] => checkArchitecture(new Map(Object.entries(files)));

const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)]));

describe('architecture lint (npm run lint)', () => {
  it('finds nothing in the real source tree', () => {
    const files = new Map(walk('src').map((f) => [f.split(path.sep).join('/'), readFileSync(f, 'utf8')]));
    expect(checkArchitecture(files)).toEqual([]);
  });

  it('fails on an import that goes up from platform into a domain', () => {
    const problems = check({
      'src/platform/http/render.ts': "import { Account } from '../../accounts/queries/accounts.js';\n",
      'src/accounts/queries/accounts.ts': 'export class Account {}\n',
    });
    expect(problems).toEqual([expect.stringContaining('src/platform/http/render.ts: src/platform imports src/accounts')]);
  });

  it('lets platform use i18n, and the composition root import everything', () => {
    expect(
      check({
        'src/platform/mail/render.ts': "import { i18n } from '../../i18n/index.js';\n",
        'src/app/services.ts': "import { FormLibrary } from '../forms/library.js';\nimport { x } from '../send/a.js';\n",
        'src/send/a.ts': "import { FormLibrary } from '../forms/library.js';\n",
      }),
    ).toEqual([]);
  });

  it('fails on a cycle between folders, naming the files that make it', () => {
    const problems = check({
      'src/forms/access.ts': "import { serviceArea } from '../send/service-areas.js';\n",
      'src/send/service-areas.ts': "export { x } from '../people/children.js';\n",
      'src/people/children.ts': "const lib = await import('../forms/library.js');\n",
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('folder cycle between src/forms, src/people, src/send');
    expect(problems[0]).toContain('forms→send (src/forms/access.ts)');
  });

  it('fails when a domain imports the composition root', () => {
    expect(check({ 'src/forms/routes.ts': "import { buildServices } from '../app/services.js';\n" })).toEqual([expect.stringContaining('imports the composition root')]);
  });

  it("fails on a table named outside the folder that owns it, in knex calls and in SQL", () => {
    const problems = check({
      'src/backoffice/send/child-search.ts': "const rows = await (await db())('children as c').where('c.id', id);\n",
      'src/admin/councils/list.ts': 'await platform.raw(`select tenant_id, count(*) from form_responses group by 1`);\n',
      'src/people/children.ts': "await trx('child_links').update({ last_used_at: now });\n",
    });
    expect(problems).toEqual([
      expect.stringContaining('src/backoffice/send/child-search.ts: names the table children, which src/people owns'),
      expect.stringContaining('src/admin/councils/list.ts: names the table form_responses, which src/forms owns'),
    ]);
  });

  it('does not mistake words for tables (an i18n namespace, a value, a comment)', () => {
    expect(tablesNamedIn("renderPage(ctx, 'children', t('messages.title'));\nz.enum(['children', 'adults']);\n// reads from uploads\n")).toEqual([]);
  });

  it('fails when the app pool is reached outside the unit of work', () => {
    const problems = check({
      'src/forms/routes.ts': "const rows = await services.db.app('form_responses');\n",
      'src/people/search.ts': "import { connectPools } from '../platform/db/connections.js';\n",
      'src/app/tenant-app.ts': "app.use(inTenant(services.db.app));\nimport { connectPools } from '../platform/db/connections.js';\n",
    });
    expect(problems).toEqual([expect.stringContaining('src/forms/routes.ts: names the app pool'), expect.stringContaining('src/people/search.ts: opens database connections')]);
  });

  it('fails on a table a migration creates without an owning folder', () => {
    expect(unownedTables(["await knex.schema.createTable('children', (t) => {});", "knex.schema.createTable('case_notes', (t) => {})"])).toEqual([
      expect.stringContaining('the table case_notes has no owning folder'),
    ]);
  });

  describe('follow budgets (the files a reader opens to follow a request)', () => {
    const realTree = () => new Map(walk('src').map((f) => [f.split(path.sep).join('/'), readFileSync(f, 'utf8')]));

    it('the form step request is within its budgets in the real tree: at most 15 files from its route module', () => {
      const files = realTree();
      expect(checkFollowBudgets(files)).toEqual([]);
      const reached: string[] = follow(files, ['src/forms/step-routes.ts']);
      expect(reached.length).toBeLessThanOrEqual(15);
      // The route does not load the engine, the question types or another domain's queries.
      expect(reached).not.toContain('src/forms/pages.ts');
      expect(reached.filter((f) => f.startsWith('src/forms/questions/'))).toEqual([]);
      expect(reached.filter((f) => /^src\/(uploads|accounts|people)\//.test(f))).toEqual([]);
    });

    it('counts runtime imports and re-exports, not type-only ones', () => {
      const text = [
        "import type { A } from './a.js';",
        "import { type B, type C } from './b.js';",
        "import { d, type E } from './d.js';",
        "export { f } from './f.js';",
        "export type { G } from './g.js';",
        "const h = await import('./h.js');",
      ].join('\n');
      expect(runtimeImportsOf('src/forms/x.ts', text)).toEqual(['src/forms/d.ts', 'src/forms/f.ts', 'src/forms/h.ts']);
    });

    it('fails when a route module imports the engine instead of receiving it, naming the files', () => {
      const files = new Map<string, string>([
        ['src/forms/step-routes.ts', "import { renderStep } from './pages.js';\n"],
        ['src/forms/pages.ts', Array.from({ length: 20 }, (_, i) => `import { q${i} } from './questions/q${i}.js';`).join('\n')],
        ...Array.from({ length: 20 }, (_, i) => [`src/forms/questions/q${i}.ts`, `export const q${i} = ${i};\n`] as [string, string]),
      ]);
      const problems = checkFollowBudgets(files, [{ request: 'a step', starts: ['src/forms/step-routes.ts'], budget: 15 }]);
      expect(problems).toEqual([expect.stringContaining('a step: following it takes 22 files (budget 15): src/forms/pages.ts')]);
      const wired = new Map(files).set('src/forms/step-routes.ts', "import type { FormSteps } from './form-steps.js';\n");
      expect(checkFollowBudgets(wired, [{ request: 'a step', starts: ['src/forms/step-routes.ts'], budget: 15 }])).toEqual([]);
    });
  });
});
