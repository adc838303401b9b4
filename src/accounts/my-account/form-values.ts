import { field, rawField } from '../../platform/http/forms.js';

/** The named fields of a posted form, each as a trimmed string (missing ones empty), to validate and to show again. */
export function formValues<K extends string>(body: unknown, names: readonly K[]): Record<K, string> {
  return Object.fromEntries(names.map((name) => [name, field(body, name)])) as Record<K, string>;
}

/** A password field exactly as typed (passwords are never trimmed, and never shown again). */
export function passwordValue(body: unknown, name: string): string {
  return rawField(body, name);
}
