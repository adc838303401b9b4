import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from '../platform/config.js';
import type { CompiledStyles } from '../platform/http/assets.js';
import type { LayoutLocals } from '../platform/http/render.js';
import type { LocalisedText, ServiceName } from '../tenancy/schema.js';
import type { TenantConfigService } from '../tenancy/config-service.js';
import type { TenantRegistry } from '../tenancy/registry.js';

/** A form of the shared library, as the console offers it to a council. */
export interface LibraryForm {
  id: string;
  title: LocalisedText;
  service: ServiceName;
}

/** What the admin console needs; the composition root builds it. */
export interface AdminDeps {
  config: Pick<Config, 'NODE_ENV' | 'ADMIN_HOST' | 'TRUST_PROXY' | 'PORT' | 'BODY_TIMEOUT_SECONDS' | 'PUBLIC_URL_SCHEME' | 'PUBLIC_PORT'>;
  /** The platform role (BYPASSRLS): admin tables, cross-council counts, and council work inside inTenant(). */
  platform: Knex;
  registry: TenantRegistry;
  tenants: TenantConfigService;
  /** The forms a council can enable (the form library), e.g. from readFormLibrary(). */
  formLibrary: () => LibraryForm[];
  styles: CompiledStyles;
  logger: Logger;
  /** Signing keys, newest first. */
  secrets: string[];
  /** The council layout's view model (src/app/layout.ts), for previews of a council's pages. */
  councilLayout: LayoutLocals;
}
