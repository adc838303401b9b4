import { cp, mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { questionsOf } from '../../src/forms/definition.js';
import { checkEnabledForms, FormLibrary, FORMS_LIBRARY_DIR, readFormLibrary } from '../../src/forms/library.js';

const library = FormLibrary.load();
const getForm = (id: string) => library.get(id);
import { questionsNamed } from '../../src/forms/conditions.js';
import { answerOf, isPerPerson } from '../../src/forms/questions/index.js';
import { placeholdersIn, PLACEHOLDER_NAMES } from '../../src/forms/texts.js';
import { loadTenantFiles, TENANTS_DIR } from '../../src/tenancy/load.js';
import { tenantSchema } from '../../src/tenancy/schema.js';

const REFERRAL = 'multi-agency-referral';
const EARLY_HELP = 'early-help-assessment';

describe('the social care and early help forms', () => {
  it('parse, are about people, and every condition names a question of the form with its options', () => {
    const library = readFormLibrary();
    expect(library.problems).toEqual([]);
    for (const id of [REFERRAL, EARLY_HELP]) {
      const form = getForm(id)!;
      expect(form.subject).toBe('people');
      expect(form.steps.filter((s) => s.type === 'people')).toHaveLength(1);
      const questions = new Map(questionsOf(form).map(({ question }) => [question.id, question]));
      for (const { question } of questionsOf(form)) {
        for (const named of question.showIf ? questionsNamed(question.showIf) : []) expect(questions.has(named), `${id}: ${question.id} depends on ${named}`).toBe(true);
      }
      const types = new Set(questionsOf(form).map(({ question }) => question.type));
      for (const type of ['email', 'phone', 'yesNo', 'autocomplete', 'number', 'notice', 'group', 'file', 'checkboxes']) expect(types.has(type as never), `${id} uses ${type}`).toBe(true);
      expect(questionsOf(form).filter(({ question }) => isPerPerson(question)).length).toBeGreaterThan(3);
    }
    expect(getForm(REFERRAL)!.service).toBe('socialCare');
    expect(getForm(EARLY_HELP)!.service).toBe('earlyHelp');
    expect(getForm(EARLY_HELP)!.steps.map((s) => s.title.en)).toEqual(expect.arrayContaining(['Needs', 'Lead professional and others involved', 'Action plan']));
  });

  it('ask the categories of concern per child, warn to call 999 with the council\'s number, and name only placeholders the engine knows', () => {
    const form = getForm(REFERRAL)!;
    const concerns = questionsOf(form).find(({ question }) => question.id === 'concerns')!.question;
    expect(isPerPerson(concerns)).toBe(true);
    expect(answerOf(concerns).choices?.values).toEqual(expect.arrayContaining(['neglect', 'physical-abuse', 'sexual-abuse', 'emotional-abuse', 'domestic-abuse', 'child-criminal-exploitation', 'child-sexual-exploitation', 'parental-mental-health', 'substance-misuse', 'other']));
    const warning = questionsOf(form).find(({ question }) => question.id === 'emergencyWarning')!.question;
    expect(warning.showIf).toEqual({ question: 'immediateRisk', equals: 'yes' });
    for (const id of [REFERRAL, EARLY_HELP]) {
      const file = JSON.stringify(getForm(id));
      for (const name of placeholdersIn(file)) expect(PLACEHOLDER_NAMES).toContain(name);
    }
  });

  it('are not enabled by any council yet, and a bilingual council cannot enable them while they lack Welsh', async () => {
    const tenants = await loadTenantFiles((configs) => checkEnabledForms(configs));
    expect(tenants.flatMap((t) => t.config.forms.map((f) => f.form))).not.toContain(REFERRAL);
    const vale = tenantSchema.parse(JSON.parse(await readFile(path.join(TENANTS_DIR, 'vale-of-glamorgan/tenant.json'), 'utf8')));
    const withReferral = { ...vale, services: [...vale.services, 'socialCare' as const], forms: [...vale.forms, { form: REFERRAL, service: 'socialCare' as const, start: 'professional' as const }] };
    const problems = checkEnabledForms([withReferral]);
    expect(problems.length).toBeGreaterThan(10);
    expect(problems[0]).toMatch(/^tenants\/_library\/forms\/multi-agency-referral\.json: title: needs a Welsh text \(cy\) because vale-of-glamorgan uses Welsh$/);
    expect(problems.some((p) => p.includes('.questions.') && p.includes('.details.label'))).toBe(true);
    const english = { ...withReferral, languages: ['en' as const] };
    expect(checkEnabledForms([english])).toEqual([]);
  });

  it('tenants:check validates the whole library: a broken new definition stops it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'form-library-'));
    const formsDir = path.join(dir, 'forms');
    await cp(FORMS_LIBRARY_DIR, formsDir, { recursive: true });
    const file = path.join(formsDir, `${REFERRAL}.json`);
    const form = JSON.parse(await readFile(file, 'utf8'));
    form.steps[4].questions[2].showIf = { question: 'concerns', includes: 'hunger' };
    await writeFile(file, JSON.stringify(form));
    await mkdir(path.join(dir, 'tenants'), { recursive: true });
    expect(readFormLibrary(formsDir).problems).toEqual([`${path.relative(process.cwd(), file)}: steps.4.questions.2.showIf: "hunger" is not an option of "concerns"`]);
  });
});
