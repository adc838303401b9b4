// UK telephone numbers as people type them. No imports: registration, My Account
// and the forms' phone questions all check numbers the same way.

/** Digits only, with +44 turned into 0: "+44 (0)7700 900 982" → "07700900982". */
export function phoneDigits(value: string): string {
  let digits = value.replace(/[\s\-().]/g, '');
  if (digits.startsWith('+44')) digits = `0${digits.slice(3).replace(/^0/, '')}`;
  else if (digits.startsWith('0044')) digits = `0${digits.slice(4).replace(/^0/, '')}`;
  return digits;
}

/** A UK mobile: 11 digits starting 07. */
export const isUkMobile = (value: string) => /^07\d{9}$/.test(phoneDigits(value));

/** A UK landline or mobile (01, 02, 03, 05, 07, 08 numbers of 10 or 11 digits). */
export const isUkPhone = (value: string) => /^0[1-35789]\d{8,9}$/.test(phoneDigits(value));
