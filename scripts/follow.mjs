// Prints the files (by folder) a reader may open to follow a request from one or more modules.
//   node scripts/follow.mjs src/forms/step-routes.ts [more modules…]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { follow } from './lint/follow.mjs';

const root = path.resolve(import.meta.dirname, '..');
const walk = (dir) => readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)]));
const files = new Map(walk(path.join(root, 'src')).map((f) => [path.relative(root, f).split(path.sep).join('/'), readFileSync(f, 'utf8')]));
const starts = process.argv.slice(2);
if (!starts.length) {
  console.error('usage: node scripts/follow.mjs src/forms/step-routes.ts [more modules…]');
  process.exit(2);
}
const reached = follow(files, starts);
const byFolder = new Map();
for (const f of reached) byFolder.set(f.split('/')[1], [...(byFolder.get(f.split('/')[1]) ?? []), f]);
for (const [folder, list] of [...byFolder].sort((a, b) => b[1].length - a[1].length)) console.log(`${folder} (${list.length}): ${list.map((f) => f.replace(`src/${folder}/`, '')).join(', ')}`);
console.log(`${reached.length} files in ${byFolder.size} folders`);
