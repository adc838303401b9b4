import { createHash } from 'node:crypto';
import type { FormDefinition } from './definition.js';

/**
 * Versions of form definitions, the pure part: a stable hash of a definition
 * and which library forms need a new stored version. A response records the
 * version it was answered against; a submission always renders with it.
 */

/** JSON with object keys sorted at every level and no spaces: equal data, equal text. Undefined values are left out, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** "sha256:<hex>" of the canonical JSON of a definition (as parsed: defaults filled in). */
export function definitionHash(definition: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(definition)).digest('hex')}`;
}

/** A stored version of a form definition (a row of the form versions table a later change adds). */
export interface StoredFormVersion {
  form_id: string;
  version: number;
  hash: string;
  /** The definition as stored: JSON text or the parsed object. */
  definition: unknown;
}

/** A version to store: the next number after the latest stored one (1 for a form never stored). */
export interface NewFormVersion {
  form_id: string;
  version: number;
  hash: string;
  definition: FormDefinition;
}

/**
 * Which library forms need a new stored version: a form never stored, or one
 * whose definition hashes differently from its latest stored version (going
 * back to an older definition is a new version too). Unchanged forms need none.
 */
export function nextVersions(library: Iterable<FormDefinition>, stored: StoredFormVersion[]): NewFormVersion[] {
  const latest = new Map<string, StoredFormVersion>();
  for (const row of stored) {
    const seen = latest.get(row.form_id);
    if (!seen || row.version > seen.version) latest.set(row.form_id, row);
  }
  const next: NewFormVersion[] = [];
  for (const definition of library) {
    const hash = definitionHash(definition);
    const last = latest.get(definition.id);
    if (last?.hash === hash) continue;
    next.push({ form_id: definition.id, version: (last?.version ?? 0) + 1, hash, definition });
  }
  return next.sort((a, b) => (a.form_id < b.form_id ? -1 : 1));
}
