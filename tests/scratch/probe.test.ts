import request from 'supertest';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantRouters } from '../../src/app/routes.js';
import { buildTestApp, type TestApp } from '../support/app.js';

describe('probe', () => {
  let t: TestApp;
  beforeAll(async () => { t = await buildTestApp(); });
  afterAll(() => t.close());
  it('probes', async () => {
    const app = t.app.callback();
    const r1 = await request(app).get('/favicon.ico').set('Host', 'admin.localhost');
    console.log('admin favicon', r1.status);
    const r2 = await request(app).post('/sign-in').set('Host', 'vale.localhost').set('Content-Type', 'application/x-www-form-urlencoded').set('Content-Encoding', 'gzip').send('email=a');
    console.log('gzip broken', r2.status);
    const r3 = await request(app).post('/sign-in').set('Host', 'vale.localhost').set('Content-Encoding', 'br2').type('form').send('email=a');
    console.log('unknown enc', r3.status);
    const routes: string[] = [];
    for (const router of tenantRouters(t.services)) for (const layer of (router as unknown as { stack: { path: string; methods: string[] }[] }).stack) if (layer.methods.includes('POST')) routes.push(layer.path);
    console.log(routes.length, routes.join('\n'));
  });
});
