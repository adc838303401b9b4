import { describe, expect, it } from 'vitest';
import { ConfigError, devMailboxEnabled, loadConfig } from '../../src/platform/config.js';
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

  it('requires secrets, a database and SMTP in production', () => {
    try {
      loadConfig({ NODE_ENV: 'production' });
      expect.unreachable();
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('SESSION_SECRETS: is required in production');
      expect(message).toContain('DATABASE_URL: is required in production');
      expect(message).toContain('SMTP_URL: is required in production');
    }
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
