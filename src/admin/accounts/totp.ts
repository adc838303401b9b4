import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

/** A new authenticator secret (base32). */
export const newTotpSecret = (): string => generateSecret();

/** The secret in groups of four, easier to type into an app by hand. */
export const groupedSecret = (secret: string) => secret.match(/.{1,4}/g)!.join(' ');

/** The otpauth:// URI as a QR code (an SVG data URI: allowed by the CSP as an image). */
export async function totpQrCode(secret: string, email: string, issuer: string): Promise<string> {
  const uri = generateURI({ issuer, label: email, secret });
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/**
 * Checks a 6-digit code, allowing one 30-second step either side for clock
 * drift; a step already used (`afterStep`) is refused, so a code works once.
 * Returns the step used, or undefined.
 */
export async function checkTotp(secret: string, code: string, afterStep?: number | null): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({ secret, token: code, epochTolerance: 30, ...(afterStep ? { afterTimeStep: afterStep } : {}) });
  if (!result.valid) return undefined;
  return 'timeStep' in result && typeof result.timeStep === 'number' ? result.timeStep : Math.floor(Date.now() / 30_000);
}
