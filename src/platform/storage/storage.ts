import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, chmod, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { isUuid } from '../ids.js';

/**
 * Where uploaded documents' bytes are kept, behind one interface (the local
 * directory here; an object store would be another implementation). Each
 * council's files are apart; a key says nothing about the file (the database
 * row does). Nothing outside an implementation touches paths.
 */
export interface Storage {
  /** A new key, unused and meaningless (reserved before the bytes arrive, so nothing can be orphaned). */
  newKey(): string;
  /** Takes a finished file from the receiving area (see `receivingDir`) and keeps it under `key`. */
  put(tenantId: string, key: string, file: string): Promise<void>;
  /** The bytes as a stream; undefined when the file is missing. */
  get(tenantId: string, key: string): Promise<Readable | undefined>;
  delete(tenantId: string, key: string): Promise<void>;
  exists(tenantId: string, key: string): Promise<boolean>;
  /** A private folder for files while they arrive and are checked, on the same disk as the store. */
  receivingDir(): Promise<string>;
}

const KEY = /^[A-Za-z0-9_-]{32}$/;

/** STORAGE_DIR/<tenant id>/<random key>, mode 0600 in 0700 folders. Never served as static files. */
export class LocalStorage implements Storage {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathOf(tenantId: string, key: string): string {
    if (!isUuid(tenantId) || !KEY.test(key)) throw new Error('Invalid storage key');
    return path.join(this.root, tenantId, key);
  }

  newKey(): string {
    return randomBytes(24).toString('base64url');
  }

  async put(tenantId: string, key: string, file: string): Promise<void> {
    const target = this.pathOf(tenantId, key);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await chmod(file, 0o600);
    await rename(file, target);
  }

  async get(tenantId: string, key: string): Promise<Readable | undefined> {
    const file = this.pathOf(tenantId, key);
    if (!(await this.exists(tenantId, key))) return undefined;
    return createReadStream(file);
  }

  async delete(tenantId: string, key: string): Promise<void> {
    await rm(this.pathOf(tenantId, key), { force: true });
  }

  async exists(tenantId: string, key: string): Promise<boolean> {
    return access(this.pathOf(tenantId, key)).then(
      () => true,
      () => false,
    );
  }

  async receivingDir(): Promise<string> {
    const dir = path.join(this.root, '.incoming');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return dir;
  }
}
