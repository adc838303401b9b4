import { generate } from 'otplib';
import request from 'supertest';
import { createPlatformAdmin } from '../../src/admin/accounts/create.js';
import type { TestApp } from './app.js';

export const ADMIN_HOST = 'admin.localhost';
export const ADMIN_PASSWORD = 'Granite-Lantern-Orchard-71';

export type AdminAgent = ReturnType<typeof request.agent>;

export interface SignedInAdmin {
  agent: AdminAgent;
  email: string;
  secret: string;
  recoveryCodes: string[];
  /** The CSRF token of the agent's admin pages. */
  csrf(): Promise<string>;
  get(path: string): request.Test;
  /** A form post with the page's CSRF token. */
  post(path: string, body: Record<string, string | string[]>): Promise<request.Response>;
}

const csrfIn = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1];

/** A code from the admin's authenticator app, as the app would show it now (or for a later step). */
export const authenticatorCode = (secret: string, epoch?: number) => generate({ secret, ...(epoch ? { epoch } : {}) });

/**
 * `admin:create` (its function), then the set-up link as a browser would follow
 * it: password, authenticator code from the secret shown as text, recovery codes.
 */
export async function setUpAdmin(t: TestApp, email: string): Promise<{ agent: AdminAgent; secret: string; recoveryCodes: string[] }> {
  const created = await createPlatformAdmin(t.db.platform, email, `http://${ADMIN_HOST}`);
  const agent = request.agent(t.app.callback());
  const path = new URL(created.link).pathname;
  const start = await agent.get(path).set('Host', ADMIN_HOST);
  if (start.status !== 303) throw new Error(`set-up link answered ${start.status}`);
  const passwordPage = await agent.get('/setup/password').set('Host', ADMIN_HOST);
  await agent.post('/setup/password').set('Host', ADMIN_HOST).type('form').send({ _csrf: csrfIn(passwordPage.text), password: ADMIN_PASSWORD, confirm: ADMIN_PASSWORD }).expect(303);
  const appPage = await agent.get('/setup/authenticator').set('Host', ADMIN_HOST);
  const secret = appPage.text.match(/id="secret">([^<]+)</)![1]!.replace(/\s+/g, '');
  await agent.post('/setup/authenticator').set('Host', ADMIN_HOST).type('form').send({ _csrf: csrfIn(appPage.text), code: await authenticatorCode(secret) }).expect(303);
  const codesPage = await agent.get('/setup/recovery-codes').set('Host', ADMIN_HOST);
  const recoveryCodes = [...codesPage.text.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]!);
  return { agent, secret, recoveryCodes };
}

/** Signs in through the pages: email and password, then the authenticator code (for a step after `afterEpoch` when given). */
export async function signInAdmin(t: TestApp, email: string, secret: string, options: { code?: string } = {}): Promise<AdminAgent> {
  const agent = request.agent(t.app.callback());
  const page = await agent.get('/sign-in').set('Host', ADMIN_HOST);
  await agent.post('/sign-in').set('Host', ADMIN_HOST).type('form').send({ _csrf: csrfIn(page.text), email, password: ADMIN_PASSWORD }).expect(303);
  const codePage = await agent.get('/sign-in/code').set('Host', ADMIN_HOST);
  // The set-up used the current step; a later one is needed (each step works once).
  const code = options.code ?? (await authenticatorCode(secret, Math.floor(Date.now() / 1000) + 30));
  const done = await agent.post('/sign-in/code').set('Host', ADMIN_HOST).type('form').send({ _csrf: csrfIn(codePage.text), code });
  if (done.status !== 303) throw new Error(`admin sign-in failed: ${done.status}`);
  return agent;
}

/** A new admin, set up and signed in, with helpers for the console's forms. */
export async function signedInAdmin(t: TestApp, email = `admin.${Date.now()}@platform.example`): Promise<SignedInAdmin> {
  const setup = await setUpAdmin(t, email);
  const agent = await signInAdmin(t, email, setup.secret);
  const csrf = async () => csrfIn((await agent.get('/').set('Host', ADMIN_HOST)).text)!;
  return {
    agent,
    email,
    secret: setup.secret,
    recoveryCodes: setup.recoveryCodes,
    csrf,
    get: (path) => agent.get(path).set('Host', ADMIN_HOST),
    post: async (path, body) => agent.post(path).set('Host', ADMIN_HOST).type('form').send({ _csrf: await csrf(), ...body }),
  };
}
