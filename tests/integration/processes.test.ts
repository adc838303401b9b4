import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices } from '../../src/app/services.js';
import { createAdminWebApp, createWebApp } from '../../src/app/web.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { ADMIN_HOST } from '../support/admin.js';

/**
 * The production processes split the work by role: the web process (app role
 * only) serves the councils and no admin console; the admin process (platform
 * role) serves the admin console and no council.
 */
describe('production processes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('the admin process answers on ADMIN_HOST only, and 404 for a council host', async () => {
    const admin = request(createAdminWebApp(t.services).callback());
    const signIn = await admin.get('/sign-in').set('Host', ADMIN_HOST);
    expect(signIn.status).toBe(200);
    expect(signIn.text).toContain('name="_csrf"');
    expect((await admin.get('/').set('Host', 'leicester.localhost')).status).toBe(404);
    expect((await admin.get('/sign-in').set('Host', 'vale.localhost')).status).toBe(404);
  });

  it('the web process on the app role alone serves the councils and no admin console', async () => {
    const services = buildServices({ ...t.services, db: { app: t.db.app } });
    const web = request(createWebApp(services).callback());
    expect((await web.get('/').set('Host', 'leicester.localhost')).status).toBe(200);
    expect((await web.get('/sign-in').set('Host', ADMIN_HOST)).status).toBe(404);
  });
});
