/** One field that differs between two configs: its dotted path and both values as text ("" when absent). */
export interface FieldChange {
  path: string;
  before: string;
  after: string;
}

function leaves(value: unknown, at: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (!entries.length) out.set(at, Array.isArray(value) ? '[]' : '{}');
    for (const [key, v] of entries) leaves(v, at ? `${at}.${key}` : key, out);
    return;
  }
  if (value !== undefined) out.set(at, typeof value === 'string' ? value : JSON.stringify(value));
}

/** Field-by-field differences between two configs, in a stable order. */
export function diffConfigs(before: unknown, after: unknown): FieldChange[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  leaves(before ?? {}, '', a);
  leaves(after ?? {}, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.filter((p) => a.get(p) !== b.get(p)).map((path) => ({ path, before: a.get(path) ?? '', after: b.get(path) ?? '' }));
}
