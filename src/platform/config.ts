import { z } from 'zod';

/**
 * All configuration comes from the environment, validated once at start-up.
 * A bad value stops the process with one clear line per problem.
 */
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
    TRUST_PROXY: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
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

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, kind: ProcessKind = 'web'): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
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
