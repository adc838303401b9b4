import path from 'node:path';
import { loadConfig, type Config } from '../platform/config.js';
import { clamdScanner, type Scanner } from '../platform/scanner/clamd.js';

/** Where uploads are kept and who scans them. */
export interface UploadSettings {
  /** STORAGE_DIR, absolute: <dir>/<tenant id>/<random key>, never served directly. */
  storageDir: string;
  scanner: Scanner;
}

export function uploadSettings(config: Pick<Config, 'STORAGE_DIR' | 'CLAMD_HOST' | 'CLAMD_PORT'>): UploadSettings {
  return { storageDir: path.resolve(config.STORAGE_DIR), scanner: clamdScanner({ host: config.CLAMD_HOST, port: config.CLAMD_PORT }) };
}

let configured: UploadSettings | undefined;

/**
 * Sets this process's storage directory and clamd. `npm start` need not call it:
 * without it they come from the environment (CLAMD_HOST, CLAMD_PORT, STORAGE_DIR),
 * as validated at start-up. The test app calls it with its own directory and clamd.
 */
export function configureUploads(settings: UploadSettings): void {
  configured = settings;
}

export function currentUploadSettings(): UploadSettings {
  configured ??= uploadSettings(loadConfig());
  return configured;
}
