import { describe, expect, it } from 'vitest';
import { secretBox } from '../../src/platform/secret-box.js';

const OLD = 'an-old-signing-secret-of-at-least-32-characters';
const NEW = 'a-new-signing-secret-of-at-least-32-characters!';

describe('secret box (secrets kept in the database)', () => {
  it('seals so the stored text does not contain the secret, and opens it again', () => {
    const box = secretBox([OLD], 'totp');
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toBe(box.seal('JBSWY3DPEHPK3PXP'));
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('opens what an older secret sealed after a rotation, and seals with the newest', () => {
    const before = secretBox([OLD], 'totp').seal('JBSWY3DPEHPK3PXP');
    const rotated = secretBox([NEW, OLD], 'totp');
    expect(rotated.open(before)).toBe('JBSWY3DPEHPK3PXP');
    expect(secretBox([OLD], 'totp').open(rotated.seal('x'))).toBeUndefined();
  });

  it('refuses tampered text, another purpose and plain text', () => {
    const box = secretBox([OLD], 'totp');
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    const parts = sealed.split('.');
    parts[3] = `A${parts[3]!.slice(1)}` === parts[3] ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`;
    expect(box.open(parts.join('.'))).toBeUndefined();
    expect(secretBox([OLD], 'csrf').open(sealed)).toBeUndefined();
    expect(box.open('JBSWY3DPEHPK3PXP')).toBeUndefined();
  });
});
