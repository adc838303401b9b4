import { createHash } from 'node:crypto';

/** The logo formats a council may have, by file name in tenants/<slug>/. */
const LOGO_TYPES: Record<string, string> = { 'logo.svg': 'image/svg+xml', 'logo.png': 'image/png', 'logo.jpg': 'image/jpeg' };

export function contentTypeOfLogo(fileName: string): string {
  const type = LOGO_TYPES[fileName];
  if (!type) throw new Error(`A logo is logo.svg, logo.png or logo.jpg, not ${fileName}`);
  return type;
}

export function logoFileName(contentType: string): string {
  const name = Object.entries(LOGO_TYPES).find(([, type]) => type === contentType)?.[0];
  if (!name) throw new Error(`No logo file name for ${contentType}`);
  return name;
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The part of a logo's hash that goes into its URL (/logo?v=…). */
export const assetVersion = (hash: string | null | undefined) => (hash ? hash.slice(0, 16) : undefined);

/**
 * A small cache of brand assets by hash, so logos are served without a database
 * query after the first. Bounded by total bytes; the oldest entry goes first.
 */
export class AssetCache {
  private entries = new Map<string, { bytes: Buffer; contentType: string }>();
  private size = 0;

  constructor(private readonly maxBytes = 4 * 1024 * 1024) {}

  get(key: string) {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: { bytes: Buffer; contentType: string }): void {
    if (entry.bytes.length > this.maxBytes) return;
    this.entries.set(key, entry);
    this.size += entry.bytes.length;
    for (const [oldest, value] of this.entries) {
      if (this.size <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.size -= value.bytes.length;
    }
  }
}
