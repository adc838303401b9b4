import { describe, expect, it } from 'vitest';
import { ConfigError, devMailboxEnabled, loadConfig, type ProcessKind } from '../../src/platform/config.js';
import { publicOrigin } from '../../src/tenancy/urls.js';

describe('configuration from the environment', () => {
  it('has working defaults for development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ NODE_ENV: 'development', PORT: 3000, CLAMD_PORT: 3310, ADMIN_HOST: 'admin.localhost', STORAGE_DIR: '.data/storage' });
  });

  it('explains every bad value in one message', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url', CLAMD_PORT: '99999' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url', CLAMD_PORT: '99999' });
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('PORT:');
      expect(message).toContain('DATABASE_URL: must be a postgres:// URL for the app role');
      expect(message).toContain('CLAMD_PORT:');
    }
  });

  const problems = (env: Record<string, string>, kind?: ProcessKind) => {
    try {
      loadConfig(env, kind);
      return '';
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
  };

  it('requires secrets and the app role for the production web process, and not SMTP (it sends no mail)', () => {
    const message = problems({ NODE_ENV: 'production' });
    expect(message).toContain('SESSION_SECRETS: is required in production');
    expect(message).toContain('DATABASE_URL: is required in production');
    expect(message).not.toContain('SMTP_URL');
    expect(problems({ NODE_ENV: 'production', SESSION_SECRETS: 'x'.repeat(32), DATABASE_URL: 'postgres://portal_app:x@db/portal' })).toBe('');
  });

  it('requires SMTP, the platform role and secrets for the production worker, and not the app role', () => {
    const message = problems({ NODE_ENV: 'production' }, 'worker');
    expect(message).toContain('SMTP_URL: is required in production (worker)');
    expect(message).toContain('DATABASE_PLATFORM_URL: is required in production (worker)');
    expect(message).toContain('SESSION_SECRETS: is required in production (worker)');
    expect(message).not.toContain('DATABASE_URL:');
    expect(problems({ NODE_ENV: 'production', SESSION_SECRETS: 'x'.repeat(32), DATABASE_PLATFORM_URL: 'postgres://portal_platform:x@db/portal', SMTP_URL: 'smtp://mail:25' }, 'worker')).toBe('');
  });

  it('requires the platform role and secrets for the production admin console, and neither SMTP nor the app role', () => {
    const message = problems({ NODE_ENV: 'production' }, 'admin');
    expect(message).toContain('DATABASE_PLATFORM_URL: is required in production (admin)');
    expect(message).toContain('SESSION_SECRETS: is required in production (admin)');
    expect(message).not.toContain('SMTP_URL');
    expect(message).not.toContain('DATABASE_URL:');
  });

  it('leaves a production command to check the one database URL it uses', () => {
    expect(problems({ NODE_ENV: 'production' }, 'command')).toBe('');
    expect(problems({ NODE_ENV: 'production', SMTP_URL: 'not a url' }, 'command')).toContain('SMTP_URL: must be an smtp:// or smtps:// URL');
  });

  it('refuses short session secrets and splits a rotation list', () => {
    expect(() => loadConfig({ SESSION_SECRETS: 'short' })).toThrow(/at least 32 characters/);
    const long = 'x'.repeat(32);
    expect(loadConfig({ SESSION_SECRETS: `${long}a, ${long}b` }).SESSION_SECRETS).toEqual([`${long}a`, `${long}b`]);
  });

  it('serves the development mailbox only with DEV_MAILBOX=true or an explicit NODE_ENV=development, never in production', () => {
    expect(devMailboxEnabled(loadConfig({}))).toBe(false);
    expect(devMailboxEnabled(loadConfig({ NODE_ENV: 'test' }))).toBe(false);
    expect(devMailboxEnabled(loadConfig({ NODE_ENV: 'development' }))).toBe(true);
    expect(devMailboxEnabled(loadConfig({ NODE_ENV: 'development', DEV_MAILBOX: 'false' }))).toBe(false);
    expect(devMailboxEnabled(loadConfig({ NODE_ENV: 'test', DEV_MAILBOX: 'true' }))).toBe(true);
    const production = { NODE_ENV: 'production', SESSION_SECRETS: 'x'.repeat(32), DATABASE_URL: 'postgres://x', SMTP_URL: 'smtp://x' };
    expect(devMailboxEnabled(loadConfig(production))).toBe(false);
    expect(() => loadConfig({ ...production, DEV_MAILBOX: 'true' })).toThrow(/DEV_MAILBOX: must not be true in production/);
  });

  it("writes links to the council's canonical host: https in production, the configured scheme and port elsewhere", () => {
    const tenant = { hostnames: ['vale.localhost', 'professionals.valeofglamorgan.gov.uk', 'www.example.org'] };
    expect(publicOrigin(tenant, { production: true, scheme: 'http', port: 3000 })).toBe('https://professionals.valeofglamorgan.gov.uk');
    expect(publicOrigin(tenant, { production: false, scheme: 'http', port: 3000 })).toBe('http://vale.localhost:3000');
    expect(publicOrigin(tenant, { production: false, scheme: 'https', port: 443 })).toBe('https://vale.localhost');
    expect(publicOrigin({ hostnames: ['only.example.org'] }, { production: false, scheme: 'http', port: 80 })).toBe('http://only.example.org');
  });
});
