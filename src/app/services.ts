import type { Logger } from 'pino';
import { findSessionAccount } from '../accounts/session-account.js';
import { checkEnabledForms, FormLibrary } from '../forms/library.js';
import type { Config } from '../platform/config.js';
import type { Knex } from 'knex';
import type { CompiledStyles } from '../platform/http/assets.js';
import { Views } from '../platform/http/views.js';
import { clamdScanner, type Scanner } from '../platform/scanner/clamd.js';
import { LocalStorage, type Storage } from '../platform/storage/storage.js';
import { TenantConfigService } from '../tenancy/config-service.js';
import type { TenantRegistry } from '../tenancy/registry.js';

/** What the running portal is built from: made once per process, handed to the apps, routes and jobs. */
export interface Services {
  config: Config;
  /** The app role's pool (every council's requests, through units of work); the platform role's only where the process may hold it (development, the worker, the admin console). */
  db: { app: Knex; platform?: Knex };
  registry: TenantRegistry;
  styles: CompiledStyles;
  logger: Logger;
  /** Signing keys, newest first: cookies and CSRF tokens. */
  secrets: string[];
  views: Views;
  /** The form definitions councils use (tenants/_library/forms). */
  forms: FormLibrary;
  /** Uploaded documents' bytes. */
  storage: Storage;
  /** clamd, which every upload passes before anyone may open it. */
  scanner: Scanner;
  accounts: { findSessionAccount: typeof findSessionAccount };
  /** The one service that validates and saves councils (where the process holds the platform role). */
  tenants?: TenantConfigService;
}

export type ServiceInputs = Pick<Services, 'config' | 'db' | 'registry' | 'styles' | 'logger' | 'secrets'> & Partial<Pick<Services, 'forms' | 'storage' | 'scanner'>>;

/** The composition: each service made from the configuration, once (as hmpps-template's `services()`). */
export function buildServices(inputs: ServiceInputs): Services {
  const { config } = inputs;
  return {
    ...inputs,
    views: new Views(),
    forms: inputs.forms ?? FormLibrary.load(),
    storage: inputs.storage ?? new LocalStorage(config.STORAGE_DIR),
    scanner: inputs.scanner ?? clamdScanner({ host: config.CLAMD_HOST, port: config.CLAMD_PORT }),
    accounts: { findSessionAccount },
    tenants: inputs.db.platform ? new TenantConfigService(inputs.db.platform, { checkForms: checkEnabledForms }) : undefined,
  };
}
