import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEnabledForms } from '../../src/forms/library.js';
import { loadTenantFiles as loadFiles, TENANTS_DIR, TenantFileError } from '../../src/tenancy/load.js';

const loadTenantFiles = async (dir?: string) => (await loadFiles(checkEnabledForms, dir)).map((f) => f.config);

async function tenantsDirWith(edit: (vale: Record<string, any>) => void, extra?: (dir: string) => Promise<void>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tenants-'));
  const vale = JSON.parse(await readFile(path.join(TENANTS_DIR, 'vale-of-glamorgan/tenant.json'), 'utf8'));
  delete vale.brand.logo; // the copy has no logo file
  edit(vale);
  await mkdir(path.join(dir, 'vale-of-glamorgan'));
  await writeFile(path.join(dir, 'vale-of-glamorgan/tenant.json'), JSON.stringify(vale));
  await extra?.(dir);
  return dir;
}

async function problemsOf(dir: string): Promise<string[]> {
  try {
    await loadTenantFiles(dir);
  } catch (err) {
    if (err instanceof TenantFileError) return err.problems;
    throw err;
  }
  return [];
}

describe('tenant files', () => {
  it('loads the five councils with the values from their old portals', async () => {
    const tenants = await loadTenantFiles();
    const bySlug = Object.fromEntries(tenants.map((t) => [t.slug, t]));
    expect(Object.keys(bySlug).sort()).toEqual(['dudley', 'leicester', 'redcar-and-cleveland', 'stoke-on-trent', 'vale-of-glamorgan']);
    expect(bySlug['vale-of-glamorgan']!.name.cy).toBe('Cyngor Bro Morgannwg');
    expect(bySlug['vale-of-glamorgan']!.languages).toEqual(['en', 'cy']);
    expect(bySlug['dudley']!.services).toEqual(['socialCare', 'earlyHelp']);
    expect(bySlug['dudley']!.registration.confirmation).toBe('emailCode');
    expect(bySlug['dudley']!.passwordPolicy).toMatchObject({ minLength: 9, minUpper: 1, minDigits: 1, minSpecial: 1 });
    expect(bySlug['leicester']!.passwordPolicy).toMatchObject({ minLength: 10, maxLength: 128, minDigits: 2, minLower: 1, minUpper: 1, minSpecial: 1, notEqualToEmail: true });
    expect(tenants.filter((t) => t.registration.backOfficeVerification).map((t) => t.slug)).toEqual(['redcar-and-cleveland']);
    expect(tenants.filter((t) => t.signIn.secondStep === 'always').map((t) => t.slug)).toEqual(['dudley', 'redcar-and-cleveland', 'stoke-on-trent']);
    expect(tenants.every((t) => t.session.idleTimeoutMinutes === 20)).toBe(true);
    expect(bySlug['vale-of-glamorgan']!.home.audience.map((a) => a.en)).toContain('Post 16 Establishments');
  });

  it('names the file and the path of every problem in a bad file', async () => {
    const dir = await tenantsDirWith((vale) => {
      vale.passwordPolicy.minLength = 'ten';
      vale.brand.colours.header = 'green';
      delete vale.home.welcome.cy;
    });
    const problems = await problemsOf(dir);
    const file = path.relative(process.cwd(), path.join(dir, 'vale-of-glamorgan/tenant.json'));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: passwordPolicy\\.minLength: `)),
        `${file}: brand.colours.header: must be a colour like #005ea5`,
      ]),
    );
    expect(problems.length).toBe(2);
  });

  it('requires Welsh for every text of a bilingual council', async () => {
    const dir = await tenantsDirWith((vale) => {
      delete vale.home.welcome.cy;
    });
    const problems = await problemsOf(dir);
    expect(problems).toEqual([expect.stringMatching(/vale-of-glamorgan\/tenant\.json: home\.welcome: needs a Welsh text \(cy\)/)]);
  });

  it('requires Welsh for the roles of a bilingual council, and each role once', async () => {
    const tenants = await loadTenantFiles();
    const vale = tenants.find((t) => t.slug === 'vale-of-glamorgan')!;
    expect(vale.registration.roles.length).toBeGreaterThan(20);
    for (const role of vale.registration.roles) expect(role.cy, role.en).toMatch(/\S/);
    for (const tenant of tenants) {
      const names = tenant.registration.roles.map((r) => r.en.toLowerCase());
      expect(new Set(names).size, tenant.slug).toBe(names.length);
    }

    const englishOnly = await tenantsDirWith((vale) => {
      vale.registration.roles = [{ en: 'Class Teacher', cy: 'Athro Dosbarth' }, 'Head Teacher'];
    });
    expect(await problemsOf(englishOnly)).toEqual([expect.stringMatching(/vale-of-glamorgan\/tenant\.json: registration\.roles\.1: needs a Welsh text \(cy\)/)]);

    const twice = await tenantsDirWith((vale) => {
      vale.registration.roles = [{ en: 'SEN Co-ordinator (SENCO)', cy: 'Cydlynydd AAA' }, { en: 'sen co-ordinator (SENCO) ', cy: 'Cydlynydd AAA (SENCO)' }];
    });
    expect(await problemsOf(twice)).toEqual([expect.stringMatching(/registration\.roles\.1: "sen co-ordinator \(SENCO\) " is already role 1/)]);
  });

  it('rejects unknown keys, invalid JSON and a host used by two councils', async () => {
    const dir = await tenantsDirWith(
      (vale) => {
        vale.colour = '#000000';
      },
      async (d) => {
        await mkdir(path.join(d, 'broken'));
        await writeFile(path.join(d, 'broken/tenant.json'), '{ "slug": ');
      },
    );
    const problems = await problemsOf(dir);
    expect(problems.some((p) => /broken\/tenant\.json: /.test(p))).toBe(true);
    expect(problems.some((p) => /vale-of-glamorgan\/tenant\.json: \(root\): Unrecognized key/.test(p))).toBe(true);

    const twice = await tenantsDirWith(() => {}, async (d) => {
      const vale = JSON.parse(await readFile(path.join(d, 'vale-of-glamorgan/tenant.json'), 'utf8'));
      vale.slug = 'vale-copy';
      await mkdir(path.join(d, 'vale-copy'));
      await writeFile(path.join(d, 'vale-copy/tenant.json'), JSON.stringify(vale));
    });
    expect(await problemsOf(twice)).toContain(`${path.relative(process.cwd(), path.join(twice, 'vale-of-glamorgan/tenant.json'))}: hostnames: "vale.localhost" is already used by vale-copy`);
  });
});
