import { cp, mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { realDate } from '../../src/forms/answers.js';
import { formDefinitionSchema } from '../../src/forms/definition.js';
import { checkEnabledForms, FormLibrary, FORMS_LIBRARY_DIR, readFormLibrary } from '../../src/forms/library.js';
import { loadTenantFiles as loadFiles, TENANTS_DIR, TenantFileError } from '../../src/tenancy/load.js';

const library = FormLibrary.load();
const getForm = (id: string) => library.get(id);

/** The tenant files with the form library at `formsDir` (the shared one by default). */
const loadTenantFiles = async (dir?: string, formsDir = FORMS_LIBRARY_DIR) => (await loadFiles((configs) => checkEnabledForms(configs, formsDir), dir)).map((f) => f.config);

const titles = (id: string) => getForm(id)!.steps.map((s) => s.title.en);

async function problemsOf(edit: { tenant?: (vale: Record<string, any>) => void; form?: (form: Record<string, any>) => void }): Promise<{ problems: string[]; formFile: string; tenantFile: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'form-library-'));
  const vale = JSON.parse(await readFile(path.join(TENANTS_DIR, 'vale-of-glamorgan/tenant.json'), 'utf8'));
  delete vale.brand.logo; // the copy has no logo file
  edit.tenant?.(vale);
  await mkdir(path.join(dir, 'tenants/vale-of-glamorgan'), { recursive: true });
  await writeFile(path.join(dir, 'tenants/vale-of-glamorgan/tenant.json'), JSON.stringify(vale));
  const formsDir = path.join(dir, 'forms');
  await cp(FORMS_LIBRARY_DIR, formsDir, { recursive: true });
  const formFile = path.join(formsDir, 'professional-request-ehc-assessment.json');
  const form = JSON.parse(await readFile(formFile, 'utf8'));
  edit.form?.(form);
  await writeFile(formFile, JSON.stringify(form));
  try {
    await loadTenantFiles(path.join(dir, 'tenants'), formsDir);
    return { problems: [], formFile: path.relative(process.cwd(), formFile), tenantFile: 'tenants/vale-of-glamorgan/tenant.json' };
  } catch (err) {
    if (!(err instanceof TenantFileError)) throw err;
    return { problems: err.problems, formFile: path.relative(process.cwd(), formFile), tenantFile: 'tenants/vale-of-glamorgan/tenant.json' };
  }
}

describe('form definitions', () => {
  it('has the two Leicester forms, step for step as in the guide, every text in Welsh too', () => {
    const library = readFormLibrary();
    expect(library.problems).toEqual([]);
    expect(titles('professional-request-ehc-assessment')).toEqual(['Work details', 'Academic progress', 'SEN needs', 'Action taken', 'Over 18s', 'Documentation', 'Discussed with', 'Summary']);
    expect(titles('educational-advice-ehc-assessment')).toEqual(['Work details', 'Story', 'Needs', 'Longer term outcomes', 'Shorter term outcomes', 'Provision', 'Documentation', 'Summary']);
    expect(getForm('professional-request-ehc-assessment')!.title.cy).toBe('Cais Proffesiynol am Asesiad EHC Statudol');
    // The SEND forms are bilingual; the social care and early help forms are English only for now (a bilingual council cannot enable them: see forms-library.test.ts).
    for (const form of [...library.forms.values()].filter((f) => f.service === 'send')) {
      expect(form.declarations).toHaveLength(2);
      const walk = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        const obj = node as Record<string, unknown>;
        if (typeof obj.en === 'string') expect(typeof obj.cy, `Welsh for "${obj.en}"`).toBe('string');
        Object.values(obj).forEach(walk);
      };
      walk(form);
    }
  });

  it('loads with the tenant files: every enabled form exists and parses', async () => {
    const tenants = await loadTenantFiles();
    expect(tenants.find((t) => t.slug === 'leicester')!.forms.map((f) => f.form)).toEqual(['professional-request-ehc-assessment', 'educational-advice-ehc-assessment']);
  });

  it('names the file and path when a council enables a form the library does not have', async () => {
    const { problems, tenantFile } = await problemsOf({ tenant: (vale) => (vale.forms[0].form = 'no-such-form') });
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${tenantFile}: forms\\.0\\.form: "no-such-form" is not in .*forms$`))]);
  });

  it('names the file and path of every problem in a definition', async () => {
    const { problems, formFile } = await problemsOf({
      form: (form) => {
        form.steps[1].questions[0].type = 'colour';
        form.steps[2].questions[2].showIf = { question: 'nowhere', includes: 'x' };
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^${formFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: steps\\.1\\.questions\\.0`))]),
    );
    const second = await problemsOf({ form: (form) => (form.steps[2].questions[2].showIf = { question: 'nowhere', includes: 'x' }) });
    expect(second.problems).toEqual([`${second.formFile}: steps.2.questions.2.showIf: "nowhere" is not a radios, checkboxes or select question of this form`]);
  });

  it('asks for Welsh where a bilingual council uses the form', async () => {
    const { problems, formFile } = await problemsOf({ form: (form) => delete form.steps[1].title.cy });
    expect(problems).toEqual([`${formFile}: steps.1.title: needs a Welsh text (cy) because vale-of-glamorgan uses Welsh`]);
  });

  it('refuses a summary that is not last and repeated question ids', () => {
    const form = structuredClone(getForm('educational-advice-ehc-assessment')!) as Record<string, any>;
    form.steps.push(form.steps[1]);
    const result = formDefinitionSchema.safeParse(form);
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(expect.arrayContaining(['steps.7.type: summary must be the last step', 'steps.8.id: "story" is used by another step']));
  });

  it('knows a real date from one that is not', () => {
    expect(realDate({ day: '31', month: '2', year: '2020' })).toBeUndefined();
    expect(realDate({ day: '29', month: '02', year: '2020' })?.toISOString()).toBe('2020-02-29T00:00:00.000Z');
    expect(realDate({ day: '29', month: '2', year: '2021' })).toBeUndefined();
    expect(realDate({ day: 'a', month: '2', year: '2021' })).toBeUndefined();
    expect(realDate({ day: '1', month: '13', year: '2021' })).toBeUndefined();
  });
});
