import { z } from 'zod';

/**
 * All configuration comes from the environment, validated once at start-up.
 * A bad value stops the process with one clear line per problem.
 */
const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: z.string().url('must be a postgres:// URL for the app role').optional(),
    DATABASE_OWNER_URL: z.string().url('must be a postgres:// URL for the owner role (runs migrations)').optional(),
    DATABASE_PLATFORM_URL: z.string().url('must be a postgres:// URL for the platform role').optional(),
    SESSION_SECRETS: z
      .string()
      .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
      .refine((list) => list.every((s) => s.length >= 32), 'each secret must be at least 32 characters')
      .optional(),
    SMTP_URL: z.string().url('must be an smtp:// or smtps:// URL').optional(),
    MAIL_FROM: z.string().default('Professional Portal <no-reply@portal.localhost>'),
    CLAMD_HOST: z.string().default('127.0.0.1'),
    CLAMD_PORT: z.coerce.number().int().min(1).max(65535).default(3310),
    STORAGE_DIR: z.string().default('.data/storage'),
    DATA_DIR: z.string().default('.data'),
    ADMIN_HOST: z.string().default('admin.localhost'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: flag,
    /** Links in emails: the scheme and port of the `.localhost` host names outside production (production links are always https on the council's own host name). */
    PUBLIC_URL_SCHEME: z.enum(['http', 'https']).default('http'),
    PUBLIC_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /** /_dev/mailbox (every email, codes included): only when set, or when NODE_ENV=development is set explicitly; never in production. */
    DEV_MAILBOX: flag,
    /** A form's body must have arrived within this many seconds (408 otherwise); a whole request, upload included, within UPLOAD_TIMEOUT_SECONDS (the server's request timeout). */
    BODY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
    UPLOAD_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(120),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (env.DEV_MAILBOX) ctx.addIssue({ code: 'custom', path: ['DEV_MAILBOX'], message: 'must not be true in production (it shows every email, codes included)' });
  });

/**
 * Which process reads the configuration: what production requires depends on it.
 * `web` (`npm start`): the app role and the session keys; it sends no mail.
 * `worker` (`npm run worker`): the platform role, the session keys (links in emails) and SMTP.
 * `admin` (`npm run admin`): the admin console, on the platform role, with the session keys.
 * `command` (migrate, tenants:*, staff:create, …): each checks the one database URL it uses.
 */
export type ProcessKind = 'web' | 'worker' | 'admin' | 'command';

const REQUIRED_IN_PRODUCTION: Record<ProcessKind, (keyof z.infer<typeof schema>)[]> = {
  web: ['SESSION_SECRETS', 'DATABASE_URL'],
  worker: ['SESSION_SECRETS', 'DATABASE_PLATFORM_URL', 'SMTP_URL'],
  admin: ['SESSION_SECRETS', 'DATABASE_PLATFORM_URL'],
  command: [],
};

export type Config = z.infer<typeof schema>;

/** Whether /_dev/mailbox is served: never in production; otherwise only when DEV_MAILBOX or NODE_ENV=development was given. */
export function devMailboxEnabled(config: Pick<Config, 'NODE_ENV' | 'DEV_MAILBOX'>): boolean {
  return config.NODE_ENV !== 'production' && config.DEV_MAILBOX;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, kind: ProcessKind = 'web'): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  // The mailbox follows an explicit NODE_ENV=development, never the default (a deployment that forgot NODE_ENV must not show codes).
  if (cleaned.DEV_MAILBOX === undefined && cleaned.NODE_ENV === 'development') cleaned.DEV_MAILBOX = 'true';
  const result = schema.safeParse(cleaned);
  const lines = result.success ? [] : result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
  if (cleaned.NODE_ENV === 'production') {
    for (const name of REQUIRED_IN_PRODUCTION[kind]) {
      if (!cleaned[name] && !lines.some((l) => l.startsWith(`  ${name}:`))) lines.push(`  ${name}: is required in production${kind === 'web' ? '' : ` (${kind})`}`);
    }
  }
  if (!result.success || lines.length) throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  return result.data;
}
