import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { assertAppRoleIsSafe } from '../../src/platform/db/safety.js';
import { compileStyles } from '../../src/platform/http/assets.js';
import { buildServices, type Services } from '../../src/app/services.js';
import { createWebApp, type WebApp } from '../../src/app/web.js';
import { LocalStorage } from '../../src/platform/storage/storage.js';
import { clamdScanner } from '../../src/platform/scanner/clamd.js';
import { TenantRegistry } from '../../src/tenancy/registry.js';
import { FormDefinitions } from '../../src/forms/definitions.js';
import pino from 'pino';
import { createTransport, MailWorker } from '../../src/platform/mail/worker.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import type { TenantConfigService } from '../../src/tenancy/config-service.js';
import { TestSmtpServer, type ReceivedEmail } from './smtp.js';

export interface TestApp {
  /** Every council's portal and the admin console, by host name (supertest: `request(t.app.callback())`). */
  app: WebApp;
  /** What the app was built from (storage, scanner, forms library…), as `npm start` builds it. */
  services: Services;
  db: TestDatabase;
  registry: TenantRegistry;
  config: Config;
  /** The one service that validates and saves councils (as the composition root builds it). */
  tenants: TenantConfigService;
  /** A real SMTP server receiving everything the outbox sends. */
  smtp: TestSmtpServer;
  /** Sends what the outbox holds (as the mail job would) and returns the newest email to `address`. */
  emailTo(address: string): Promise<ReceivedEmail>;
  /** Starts a real HTTP server (for the browser); returns its port. */
  listen(): Promise<number>;
  close(): Promise<void>;
}

/** The real app on its own database, exactly as `npm start` wires it. */
export async function buildTestApp(env: Record<string, string> = {}, database?: TestDatabase): Promise<TestApp> {
  // Its own copy of the template database, unless the test brings its own (e.g. a cluster it restarts).
  const db = database ?? (await createTestDatabase());
  await assertAppRoleIsSafe(db.app);
  // Uploads: the run's clamd (tests/support/global-setup.ts) and a storage directory of this app's own.
  const clamd = inject('clamd');
  const storage = env.STORAGE_DIR ?? (await mkdtemp(path.join(os.tmpdir(), 'portal-storage-')));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CLAMD_HOST: clamd.host, CLAMD_PORT: String(clamd.port), STORAGE_DIR: storage, ...env });
  const registry = await TenantRegistry.load(db.platform);
  const forms = await FormDefinitions.load(db.app);
  const styles = await compileStyles(path.resolve('.data/cache'));
  const logger = createLogger(config);
  const services = buildServices({
    config,
    db,
    registry,
    styles,
    logger,
    secrets: ['test-secret-that-is-long-enough-to-use-0123456789'],
    forms,
    storage: new LocalStorage(storage),
    scanner: clamdScanner({ host: config.CLAMD_HOST, port: config.CLAMD_PORT }),
  });
  const app = createWebApp(services);
  let server: http.Server | undefined;
  const smtp = new TestSmtpServer();
  const smtpPort = await smtp.start();
  const worker = new MailWorker(db.platform, registry, createTransport(`smtp://127.0.0.1:${smtpPort}`), 'portal@example.org', pino({ level: 'silent' }));
  return {
    app,
    services,
    db,
    registry,
    config,
    tenants: services.tenants!,
    smtp,
    async emailTo(address: string) {
      const before = smtp.received.length;
      await worker.drain(100);
      return smtp.waitFor(address.toLowerCase(), 10_000, before);
    },
    async listen() {
      server = http.createServer(app.callback());
      await new Promise<void>((resolve) => server!.listen(0, resolve));
      const port = (server.address() as AddressInfo).port;
      // Links in emails point where this server listens (as PUBLIC_PORT would say in development).
      if (!env.PUBLIC_PORT) config.PUBLIC_PORT = port;
      return port;
    },
    async close() {
      if (server) {
        server.closeAllConnections();
        await new Promise((resolve) => server!.close(resolve));
      }
      await smtp.stop();
      await db.drop();
      if (!env.STORAGE_DIR) await rm(storage, { recursive: true, force: true });
    },
  };
}
