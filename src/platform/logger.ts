import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): Logger {
  return pino({
    level: config.NODE_ENV === 'test' ? 'silent' : config.LOG_LEVEL,
    base: { service: 'professional-portal' },
    redact: { paths: ['req.headers.cookie', '*.password', '*.code', 'password', 'code'], remove: true },
  });
}
