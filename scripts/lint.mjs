// Project rules that the type checker cannot see.
// 1. A council never appears in src/: what differs between councils lives in tenants/.
// 2. The architecture rules of scripts/lint/architecture.mjs: platform imports no domain, no folder cycle,
//    a table is named only in the folder that owns it (tests/unit/architecture-lint.test.ts plants each violation).
// 3. Follow budgets (scripts/lint/follow.mjs): the files a reader opens to follow a form step request.
import { checkArchitecture, unownedTables } from './lint/architecture.mjs';
import { checkFollowBudgets, FOLLOW_BUDGETS } from './lint/follow.mjs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const words = new Set();
for (const slug of readdirSync(path.join(root, 'tenants'))) {
  const file = path.join(root, 'tenants', slug, 'tenant.json');
  try {
    const tenant = JSON.parse(readFileSync(file, 'utf8'));
    words.add(slug);
    for (const host of tenant.hostnames) words.add(host);
    words.add(tenant.name.en);
  } catch {
    // tenants:check reports broken files.
  }
}
const walk = (dir) => readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)]));
const problems = [];
const sources = new Map();
for (const file of walk(path.join(root, 'src'))) {
  const text = readFileSync(file, 'utf8');
  sources.set(path.relative(root, file).split(path.sep).join('/'), text);
  for (const word of words) {
    if (text.includes(word)) problems.push(`${path.relative(root, file)}: mentions "${word}" — move council differences to tenants/`);
  }
}
problems.push(...checkArchitecture(sources));
problems.push(...checkFollowBudgets(sources));
problems.push(...unownedTables(walk(path.join(root, 'migrations')).map((file) => readFileSync(file, 'utf8'))));
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`lint: no council named in src/ (${words.size} names checked); platform imports no domain, no folder cycle, every table named only by its owner, the app pool only through the unit of work, ${FOLLOW_BUDGETS.length} requests within their follow budgets (${sources.size} files)`);
