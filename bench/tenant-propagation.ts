/**
 * `npx tsx bench/tenant-propagation.ts`: how fast a council's change reaches another
 * process (NOTIFY), median of 20, and what 1,000 councils cost in the registry's memory.
 * Runs on its own embedded Postgres, thrown away at the end. Targets: ≤ 2 s, ≤ 50 KB a council.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { checkEnabledForms } from '../src/forms/library.js';
import { prepareDatabase } from '../src/app/boot.js';
import { startThrowawayDatabase } from '../src/platform/db/embedded.js';
import { TenantConfigService } from '../src/tenancy/config-service.js';
import { tenantSchema } from '../src/tenancy/schema.js';

const CHILD = process.argv[2] === '--listener';

if (CHILD) {
  // The other process: a registry following NOTIFY; reports each change it sees.
  const { TenantRegistry } = await import('../src/tenancy/registry.js');
  const { listenForTenantChanges } = await import('../src/tenancy/listener.js');
  const { connect } = await import('../src/platform/db/connections.js');
  const url = process.argv[3]!;
  const platform = connect(url, 2);
  const registry = await TenantRegistry.load(platform);
  await listenForTenantChanges(url, registry, platform, pino({ level: 'silent' }));
  let last = registry.forSlug('leicester')!.portalName.en;
  setInterval(() => {
    const now = registry.forSlug('leicester')!.portalName.en;
    if (now !== last) {
      last = now;
      process.send!({ seen: now, at: Date.now() });
    }
  }, 2);
  process.send!({ ready: true });
} else {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'portal-bench-tenants-'));
  const database = await startThrowawayDatabase(path.join(dir, 'pg'));
  const urls = database.urls;
  const { db } = await prepareDatabase(urls, pino({ level: 'silent' }));
  try {
    const service = new TenantConfigService(db.platform, { checkForms: checkEnabledForms });
    const child = fork(import.meta.filename, ['--listener', urls.platform], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const messages: { seen?: string; at?: number; ready?: boolean }[] = [];
    child.on('message', (m) => messages.push(m as (typeof messages)[number]));
    while (!messages.some((m) => m.ready)) await new Promise((r) => setTimeout(r, 20));
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const row = await db.platform('tenants').where({ slug: 'leicester' }).first();
      const config = tenantSchema.parse(row.config);
      const name = `Portal ${i}`;
      const started = Date.now();
      await service.save({ tenantId: row.id, config: { ...config, portalName: { en: name } }, expectedRevision: row.revision, source: 'console', actor: 'bench', reason: 'bench' });
      for (;;) {
        const seen = messages.find((m) => m.seen === name);
        if (seen) {
          times.push(seen.at! - started);
          break;
        }
        if (Date.now() - started > 5000) throw new Error('a change did not arrive within 5 s');
        await new Promise((r) => setTimeout(r, 2));
      }
    }
    child.kill();
    times.sort((a, b) => a - b);
    console.log(`config change reaches another process: median ${times[10]} ms, max ${times[19]} ms (20 changes; target ≤ 2000 ms)`);

    // 1,000 councils: copies of Leicester's config, each with its own host name, as the registry holds them.
    const source = tenantSchema.parse((await db.platform('tenants').where({ slug: 'leicester' }).first()).config);
    const rows = Array.from({ length: 995 }, (_, i) => ({ slug: `synthetic-${i + 1}`, config: JSON.stringify({ ...source, slug: `synthetic-${i + 1}`, hostnames: [`synthetic-${i + 1}.localhost`] }), source: 'bench', revision: 1 }));
    await db.platform.batchInsert('tenants', rows, 250);
    const { TenantRegistry } = await import('../src/tenancy/registry.js');
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const registry = await TenantRegistry.load(db.platform);
    global.gc?.();
    const after = process.memoryUsage().heapUsed;
    const count = registry.all().length;
    console.log(`registry with ${count} councils: ${Math.round((after - before) / 1024)} KB, ${Math.round((after - before) / count / 102.4) / 10} KB a council (target ≤ 50 KB${global.gc ? '' : '; run with --expose-gc for a steadier figure'})`);
  } finally {
    await db.close();
    await database.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
