// Project rules that the type checker cannot see.
// 1. A council never appears in src/: what differs between councils lives in tenants/.
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
for (const file of walk(path.join(root, 'src'))) {
  const text = readFileSync(file, 'utf8');
  for (const word of words) {
    if (text.includes(word)) problems.push(`${path.relative(root, file)}: mentions "${word}" — move council differences to tenants/`);
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`lint: no council named in src/ (${words.size} names checked)`);
