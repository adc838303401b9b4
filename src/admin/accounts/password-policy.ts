/** The fixed password policy of platform administrators (they can change every council). */
export const ADMIN_PASSWORD = { minLength: 15, maxLength: 256, minDistinct: 6 };

export type AdminPasswordProblem = 'missing' | 'tooShort' | 'tooLong' | 'tooSimple' | 'containsEmail' | 'mismatch';

export function adminPasswordProblem(password: string, confirm: string, email: string): AdminPasswordProblem | undefined {
  const length = [...password].length;
  if (!password) return 'missing';
  if (length < ADMIN_PASSWORD.minLength) return 'tooShort';
  if (length > ADMIN_PASSWORD.maxLength) return 'tooLong';
  if (new Set(password).size < ADMIN_PASSWORD.minDistinct) return 'tooSimple';
  const local = email.split('@')[0]!.toLowerCase();
  if (password.toLowerCase().includes(email.toLowerCase()) || (local.length >= 4 && password.toLowerCase().includes(local))) return 'containsEmail';
  if (password !== confirm) return 'mismatch';
  return undefined;
}
