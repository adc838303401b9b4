import { Readable } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAddresses } from '../../src/accounts/addresses/import.js';
import { loadSampleAddressesIfEmpty } from '../../src/accounts/addresses/sample.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createProfessional, signInAs, type Agent } from '../support/accounts.js';

const VALE = 'vale.localhost';

describe('addresses in Welsh where the address list has the Welsh form', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await loadSampleAddressesIfEmpty(t.db.platform);
  });
  afterAll(() => t.close());

  it('reads the LANGUAGE column of AddressBase-style files: CYM rows are the Welsh form of their UPRN', async () => {
    const csv = [
      'UPRN,BUILDING_NAME,THOROUGHFARE,POST_TOWN,COUNTY,POSTCODE,LANGUAGE',
      '99000001,Llyfrgell,Heol y Brenin,Y Barri,Bro Morgannwg,CF62 8NA,CYM',
      '99000001,Library,King Square,Barry,Vale of Glamorgan,CF62 8NA,ENG',
      '99000002,,Heol Gladstone,Y Barri,Bro Morgannwg,CF62 8NB,CYM',
      '99000003,,Broad Street,Barry,Vale of Glamorgan,CF62 7AA,ENG',
    ].join('\n');
    const result = await importAddresses(t.db.platform, Readable.from([csv]));
    expect(result.bad).toEqual([]);
    expect(result.rows).toBe(4);
    const both = await t.db.platform('addresses').where({ uprn: 99000001 }).first();
    expect(both).toMatchObject({ building_name: 'Library', street: 'King Square', town: 'Barry', county: 'Vale of Glamorgan' });
    expect(both.welsh).toMatchObject({ building_name: 'Llyfrgell', street: 'Heol y Brenin', town: 'Y Barri', county: 'Bro Morgannwg' });
    // Known only in Welsh so far: the Welsh values stand for it in English too, until its English row comes.
    expect(await t.db.platform('addresses').where({ uprn: 99000002 }).first()).toMatchObject({ street: 'Heol Gladstone', town: 'Y Barri' });
    expect((await t.db.platform('addresses').where({ uprn: 99000003 }).first()).welsh).toBeNull();
    // An English update later keeps the Welsh form.
    await importAddresses(t.db.platform, Readable.from(['UPRN,BUILDING_NAME,THOROUGHFARE,POST_TOWN,POSTCODE\n99000001,Barry Library,King Square,Barry,CF62 8NA\n']));
    const updated = await t.db.platform('addresses').where({ uprn: 99000001 }).first();
    expect(updated.building_name).toBe('Barry Library');
    expect(updated.welsh.building_name).toBe('Llyfrgell');
  });

  it('shows the Welsh form on Welsh pages and the English one on English pages', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan');
    const agent: Agent = request.agent(t.app.callback());
    await signInAs(t, agent, pro.email, pro.password, { host: VALE });
    const find = async () => {
      const page = await agent.get('/my-account/work-details/add').set('Host', VALE);
      const token = page.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
      const res = await agent.post('/my-account/work-details/add').set('Host', VALE).type('form').send({ _csrf: token, role: 'Class Teacher', organisation: 'Ysgol', addressMode: 'find', postcode: 'cf63 4ru', action: 'find' });
      return res.text.replace(/&#x27;/g, "'");
    };
    const english = await find();
    expect(english).toContain('Civic Offices, Holton Road, Barry, CF63 4RU');
    expect(english).not.toContain('Heol Holton');
    await agent.get('/?lang=cy').set('Host', VALE);
    const welsh = await find();
    expect(welsh).toContain('Swyddfeydd Dinesig, Heol Holton, Y Barri, CF63 4RU');
    expect(welsh).toContain('Cyngor Bro Morgannwg, Swyddfeydd Dinesig, Heol Holton, Y Barri, CF63 4RU');
    expect(welsh).not.toContain('Holton Road');
  });
});
