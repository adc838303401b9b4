import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleAddressesIfEmpty } from '../../src/accounts/addresses/sample.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createProfessional, rolesOf, signInAs, type Agent } from '../support/accounts.js';

const VALE = 'vale.localhost';

describe('work roles in a bilingual council', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await loadSampleAddressesIfEmpty(t.db.platform);
  });
  afterAll(() => t.close());

  const get = (agent: Agent, path: string) => agent.get(path).set('Host', VALE);
  async function submit(agent: Agent, path: string, fields: Record<string, string>) {
    const page = await get(agent, path);
    const token = page.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    return agent.post(path).set('Host', VALE).type('form').send({ _csrf: token, ...fields });
  }
  const suggestions = (html: string) => [...html.matchAll(/<option value="([^"]*)"><\/option>/g)].map((m) => m[1]!.replace(/&#x27;/g, "'"));

  it('suggests roles in Welsh on Welsh pages, saves a Welsh choice as the council role and shows it in the page language', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan', { roles: [{ role: 'Class Teacher', organisation: 'Ysgol Gymraeg Sant Curig', postcode: 'CF62 7TJ', town: 'Barry' }] });
    const agent = request.agent(t.app.callback());
    await signInAs(t, agent, pro.email, pro.password, { host: VALE });

    const english = suggestions((await get(agent, '/my-account/work-details/add')).text);
    expect(english).toContain('SEN Co-ordinator (SENCO)');
    expect(english.filter((r) => r === 'SEN Co-ordinator (SENCO)')).toHaveLength(1);
    expect(new Set(english).size).toBe(english.length);

    await get(agent, '/?lang=cy');
    const welsh = suggestions((await get(agent, '/my-account/work-details/add')).text);
    expect(welsh).toHaveLength(english.length);
    expect(welsh).toContain('Athro Dosbarth');
    expect(welsh).toContain("Ymarferydd Gwasanaethau Iechyd Meddwl Plant a'r Glasoed (CAMHS)");
    expect(welsh.filter((r) => english.includes(r))).toEqual([]);

    // The stored English role reads in Welsh.
    const list = await get(agent, '/my-account/work-details');
    expect(list.text).toContain('Athro Dosbarth');
    expect(list.text).not.toContain('Class Teacher');

    const saved = await submit(agent, '/my-account/work-details/add', { role: 'Seicolegydd Addysg', organisation: 'Gwasanaeth Seicoleg Addysg', addressMode: 'find', postcode: 'CF63 4RU', uprn: '64113001', action: 'save' });
    expect(saved.status).toBe(303);
    expect((await rolesOf(t, pro)).map((r) => r.role)).toEqual(['Class Teacher', 'Educational Psychologist']);
    expect((await get(agent, '/my-account/work-details')).text).toContain('Seicolegydd Addysg');

    await get(agent, '/?lang=en');
    const inEnglish = await get(agent, '/my-account/work-details');
    expect(inEnglish.text).toContain('Educational Psychologist');
    expect(inEnglish.text).not.toContain('Seicolegydd Addysg');

    // A role that is not a suggestion is kept as typed.
    await submit(agent, '/my-account/work-details/add', { role: 'Swyddog Lles Addysg', organisation: 'Cyngor Bro Morgannwg', addressMode: 'find', postcode: 'CF63 4RU', uprn: '64113001', action: 'save' });
    expect((await rolesOf(t, pro)).map((r) => r.role)).toContain('Swyddog Lles Addysg');
  });
});
