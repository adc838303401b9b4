import type { Knex } from 'knex';
import pg from 'pg';
import type { Logger } from 'pino';
import type { TenantRegistry } from './registry.js';
import { TENANT_CHANNEL } from './tenant-rows.js';

export interface TenantListener {
  stop(): Promise<void>;
}

/**
 * Keeps `registry` up to date within moments of a change on any replica: one
 * dedicated connection LISTENs on the tenant channel and reloads the council
 * named in each NOTIFY. If the connection drops it reconnects (with a full
 * reload, since notifications may have been missed); the 30-second poll
 * (`tenants:reload` job) stays as the fallback.
 */
export async function listenForTenantChanges(url: string, registry: TenantRegistry, platform: Knex, log: Pick<Logger, 'error' | 'info' | 'warn'>): Promise<TenantListener> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const reload = (id: string) =>
    registry.reloadOne(platform, id).catch((err: unknown) => log.error({ err, tenantId: id }, 'could not reload a changed council'));

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, application_name: 'tenant-listener' });
    next.on('notification', (message) => {
      if (message.channel === TENANT_CHANNEL && message.payload) void reload(message.payload);
    });
    next.on('error', (err) => {
      log.warn({ err }, 'tenant listener connection lost; reconnecting');
      schedule();
    });
    await next.connect();
    await next.query(`listen ${TENANT_CHANNEL}`);
    client = next;
  };

  const schedule = () => {
    const old = client;
    client = undefined;
    old?.end().catch(() => {});
    if (stopped || retry) return;
    retry = setTimeout(async () => {
      retry = undefined;
      try {
        await connect();
        await registry.reload(platform);
      } catch (err) {
        log.warn({ err }, 'tenant listener could not reconnect; trying again');
        schedule();
      }
    }, 1000);
  };

  await connect();
  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}
