import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts small secrets kept in the database (an authenticator's shared
 * secret) with AES-256-GCM under a key derived from the deployment's signing
 * secrets (SESSION_SECRETS) and a purpose: a copy of the database alone does
 * not give them away. Sealed with the newest secret; opened with any listed,
 * so secrets can be rotated by adding a new one first.
 */
export interface SecretBox {
  seal(plain: string): string;
  /** The plain text, or undefined when no listed secret opens it (or it was tampered with). */
  open(sealed: string): string | undefined;
}

const VERSION = 'v1';

export function secretBox(secrets: string[], purpose: string): SecretBox {
  if (!secrets.length) throw new Error('secretBox: no secrets');
  const keys = secrets.map((secret) => Buffer.from(hkdfSync('sha256', secret, 'professional-portal', purpose, 32)));
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keys[0]!, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || data === undefined) return undefined;
      for (const key of keys) {
        try {
          const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
          decipher.setAuthTag(Buffer.from(tag, 'base64url'));
          return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
        } catch {
          // Not this key: try the next.
        }
      }
      return undefined;
    },
  };
}
