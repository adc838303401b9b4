import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { UploadSettings } from './settings.js';

const KEY = /^[A-Za-z0-9_-]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Stored files: STORAGE_DIR/<tenant id>/<random key>, mode 0600 in a 0700
 * directory. The name says nothing about the file; the database row does.
 * Nothing here is ever served as a static file.
 */
export function storedPath(settings: UploadSettings, tenantId: string, key: string): string {
  if (!UUID.test(tenantId) || !KEY.test(key)) throw new Error('Invalid storage key');
  return path.join(settings.storageDir, tenantId, key);
}

/** Moves a finished temporary file (already on the same disk) into the tenant's storage; returns its key. */
export async function moveIntoStorage(settings: UploadSettings, tenantId: string, tempPath: string): Promise<string> {
  const key = randomBytes(24).toString('base64url');
  const target = storedPath(settings, tenantId, key);
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  await chmod(tempPath, 0o600);
  await rename(tempPath, target);
  return key;
}

export async function removeStored(settings: UploadSettings, tenantId: string, key: string): Promise<void> {
  await rm(storedPath(settings, tenantId, key), { force: true });
}
