import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/platform/config.js';

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
});
