import { describe, expect, it } from 'vitest';
import { libraryCatalogue, StoredFormCatalogue } from '../../src/forms/catalogue.js';
import { FormLibrary } from '../../src/forms/library.js';

const getForm = (id: string) => FormLibrary.load().get(id);
import { canonicalJson, definitionHash, nextVersions, type StoredFormVersion } from '../../src/forms/versions.js';

const request = getForm('professional-request-ehc-assessment')!;
const advice = getForm('educational-advice-ehc-assessment')!;
const changed = { ...request, title: { ...request.title, en: 'A new title' } };
const row = (definition: typeof request, version: number, asText = false): StoredFormVersion => ({
  form_id: definition.id,
  version,
  hash: definitionHash(definition),
  definition: asText ? JSON.stringify(definition, null, 2) : definition,
});

describe('versioned definitions', () => {
  it('hashes the canonical JSON: the order of keys and white space do not matter', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }, 'x'] })).toBe('{"a":[{"d":2},"x"],"b":1}');
    expect(definitionHash({ b: 1, a: 2 })).toBe(definitionHash(JSON.parse('{ "a": 2,\n "b": 1 }')));
    expect(definitionHash(request)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(definitionHash(changed)).not.toBe(definitionHash(request));
  });

  it('stores version 1 of a new form, a new version of a changed one, nothing for an unchanged one', () => {
    expect(nextVersions([request, advice], []).map((v) => [v.form_id, v.version])).toEqual([
      ['educational-advice-ehc-assessment', 1],
      ['professional-request-ehc-assessment', 1],
    ]);
    const stored = [row(request, 1), row(advice, 1)];
    expect(nextVersions([request, advice], stored)).toEqual([]);
    expect(nextVersions([changed, advice], stored)).toEqual([{ form_id: request.id, version: 2, hash: definitionHash(changed), definition: changed }]);
    // Back to the first definition: compared with the latest, it is a change.
    expect(nextVersions([request], [...stored, row(changed, 2)]).map((v) => v.version)).toEqual([3]);
  });

  it('finds the latest version and any older one; broken rows are named and left out', () => {
    const catalogue = new StoredFormCatalogue([row(request, 1, true), row(changed, 2), row(advice, 1), { ...row(advice, 2), hash: 'sha256:0' }, { ...row(advice, 3), definition: { id: 'x' }, hash: definitionHash({ id: 'x' }) }]);
    expect(catalogue.latest(request.id)?.version).toBe(2);
    expect(catalogue.latest(request.id)?.definition.title.en).toBe('A new title');
    expect(catalogue.at(request.id, 1)?.definition.title.en).toBe(request.title.en);
    expect(catalogue.at(request.id, 9)).toBeUndefined();
    expect(catalogue.versions(advice.id)).toEqual([1]);
    expect(catalogue.formIds()).toEqual([advice.id, request.id]);
    expect(catalogue.problems[0]).toBe('educational-advice-ehc-assessment version 2: the stored definition does not match its hash');
    expect(catalogue.problems.slice(1).every((p) => p.startsWith('educational-advice-ehc-assessment version 3: '))).toBe(true);
    expect(libraryCatalogue([request]).latest(request.id)).toMatchObject({ version: 1, hash: definitionHash(request) });
  });
});
