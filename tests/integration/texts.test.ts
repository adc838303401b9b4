import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleAddressesIfEmpty } from '../../src/accounts/addresses/sample.js';
import { hasKey, LANGUAGES, localise, translator, LOCALES_DIR, type Language } from '../../src/i18n/index.js';
import { queueEmail } from '../../src/platform/mail/outbox.js';
import { renderEmail } from '../../src/platform/mail/render.js';
import { inTenant } from '../../src/platform/db/unit-of-work.js';
import { sendMessage } from '../../src/messages/inbox.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createProfessional, signInAs, type Agent } from '../support/accounts.js';
import { crawl, rawKeysIn, shownText, type CrawledPage } from '../support/crawl.js';
import { createStaff, emailedCode } from '../support/staff.js';
import { createDraftResponse } from '../support/uploads.js';

/** Every email's texts in locales/en: the objects with a subject and paragraphs, by key. */
function emailTemplates(): string[] {
  const found: string[] = [];
  const walk = (node: unknown, key: string) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    const obj = node as Record<string, unknown>;
    if (typeof obj.subject === 'string' && Array.isArray(obj.paragraphs)) found.push(key);
    for (const [k, v] of Object.entries(obj)) walk(v, `${key}.${k}`);
  };
  for (const file of readdirSync(path.join(LOCALES_DIR, 'en')).filter((f) => f.endsWith('.json'))) {
    const ns = file.replace(/\.json$/, '');
    walk(JSON.parse(readFileSync(path.join(LOCALES_DIR, 'en', file), 'utf8')), ns);
  }
  return found;
}

/** The email templates the code queues (`template: '…'` in src/). */
function templatesInCode(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (full.endsWith('.ts')) {
        const source = readFileSync(full, 'utf8');
        for (const m of source.matchAll(/template:\s*([^,\n}]+)/g)) for (const s of m[1]!.matchAll(/'([\w.-]+\.[\w.-]+)'/g)) found.add(s[1]!);
      }
    }
  };
  walk(path.resolve('src'));
  return [...found];
}

/** A value for every {{placeholder}} of a template's texts. */
function sampleData(template: string): Record<string, unknown> {
  const [file, ...rest] = template.split('.');
  let node: unknown = JSON.parse(readFileSync(path.join(LOCALES_DIR, 'en', `${file}.json`), 'utf8'));
  for (const part of rest) node = (node as Record<string, unknown>)[part];
  const names = new Set([...JSON.stringify(node).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!));
  return Object.fromEntries([...names].map((n) => [n, n === 'actionUrl' ? 'https://portal.example/link' : `${n}-value`]).concat([['actionUrl', 'https://portal.example/link']]));
}

describe('texts a person is shown: no i18n keys, no empty placeholders', () => {
  it('finds keys and placeholders shown as they are, and nothing in ordinary text', () => {
    expect(rawKeysIn('Subject: backoffice.emails.approved')).toEqual(['backoffice.emails.approved']);
    expect(rawKeysIn('sign-in.emails.code')).toEqual(['sign-in.emails.code']);
    expect(rawKeysIn('Hello {{ name }}')).toEqual(['{{ name }}']);
    expect(rawKeysIn('Email help.desk@council.gov.uk or visit www.forms.example for common.js help. Forms. Messages.')).toEqual([]);
  });

  it('every email the code sends has texts in both languages', () => {
    const used = templatesInCode();
    expect(used).toContain('backoffice.emails.approved');
    expect(used).toContain('sign-in.emails.code');
    for (const template of used) for (const lang of LANGUAGES) expect(hasKey(`${template}.subject`, lang), `${template} in ${lang}`).toBe(true);
  });

  it('renders every email in every language of every council with no key or placeholder left', async () => {
    const t = await buildTestApp();
    try {
      const templates = emailTemplates();
      expect(templates.length).toBeGreaterThan(15);
      for (const tenant of t.registry.all()) {
        for (const lang of tenant.languages) {
          for (const template of templates) {
            const email = renderEmail(tenant, template, lang, sampleData(template));
            const shown = `${email.subject}\n${email.text}\n${shownText(email.html)}`;
            expect(rawKeysIn(shown), `${tenant.slug} ${lang} ${template}`).toEqual([]);
            expect(email.subject.length).toBeGreaterThan(5);
          }
        }
      }
    } finally {
      await t.close();
    }
  });
});

describe('every page a person can reach, in every language of every council', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ DEV_MAILBOX: 'true' });
    await loadSampleAddressesIfEmpty(t.db.platform);
  });
  afterAll(() => t?.close());

  /** Opens a path with the agent, following redirects on the site. */
  const opener = (agent: Agent, host: string) => async (url: string): Promise<CrawledPage> => {
    let res = await agent.get(url).set('Host', host);
    for (let hops = 0; [301, 302, 303, 307].includes(res.status) && hops < 5; hops++) {
      const next = res.headers.location!;
      if (!next.startsWith('/')) break;
      url = next;
      res = await agent.get(url).set('Host', host);
    }
    return { url, status: res.status, html: res.text ?? '' };
  };

  /** Posts each form of the pages with only its hidden fields (nothing filled in): the error pages' texts. */
  async function postEmptyForms(agent: Agent, host: string, pages: CrawledPage[]): Promise<CrawledPage[]> {
    const done = new Set<string>();
    const results: CrawledPage[] = [];
    for (const page of pages) {
      for (const m of page.html.matchAll(/<form\b[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/g)) {
        const action = m[0].match(/action="([^"]+)"/)?.[1]?.replace(/&amp;/g, '&');
        if (!action || !action.startsWith('/') || done.has(action)) continue;
        if (/sign-out|close|hide|delete|unlink|remove|withdraw|approve|reject|submit|new-code|resend|decision|lang/.test(action)) continue;
        if (!/<(input|textarea|select)\b(?![^>]*type="(hidden|submit)")/.test(m[1]!)) continue;
        done.add(action);
        const hidden = Object.fromEntries(
          [...m[1]!.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)].map((i) => [i[0].match(/name="([^"]+)"/)?.[1] ?? '', i[0].match(/value="([^"]*)"/)?.[1] ?? '']).filter(([n]) => n && n !== 'action'),
        );
        const res = await agent.post(action).set('Host', host).type('form').send(hidden);
        results.push({ url: `POST ${action}`, status: res.status, html: res.text ?? '' });
      }
    }
    return results;
  }

  function expectClean(pages: CrawledPage[], who: string) {
    // Every page really is in the language asked for.
    const lang = who.includes(' cy ') ? 'cy' : 'en';
    for (const p of pages) if (p.status === 200) expect(p.html, `${who} ${p.url}`).toContain(`<html lang="${lang}"`);
    const problems = pages.flatMap((p) => {
      const text = shownText(p.html).replace(/\s+/g, ' ');
      const keys = rawKeysIn(text).map((k) => `${k} in "…${text.slice(Math.max(0, text.indexOf(k) - 60), text.indexOf(k) + k.length + 20)}…"`);
      return [...(p.status >= 500 ? [`${p.url}: ${p.status}`] : []), ...(keys.length ? [`${p.url}: ${keys.join(', ')}`] : [])];
    });
    expect(problems, who).toEqual([]);
  }

  async function inLanguage(agent: Agent, host: string, lang: Language) {
    await agent.get(`/?lang=${lang}`).set('Host', host);
  }

  it('signed out: home, help, sign-in, registration and forgotten password, and their error pages', async () => {
    let total = 0;
    for (const tenant of t.registry.all()) {
      const host = tenant.hostnames[0]!;
      for (const lang of tenant.languages) {
        const agent = request.agent(t.app.callback());
        await inLanguage(agent, host, lang);
        const pages = await crawl(opener(agent, host), ['/', '/sign-in', '/register', '/forgotten-password', '/backoffice/sign-in']);
        expect(pages.map((p) => p.url)).toContain('/register');
        const errors = await postEmptyForms(agent, host, pages);
        expect(errors.length).toBeGreaterThan(1);
        expectClean([...pages, ...errors], `${tenant.slug} ${lang} signed out`);
        total += pages.length + errors.length;
      }
    }
    expect(total).toBeGreaterThan(50);
  });

  it('a professional: home, Select Person, a child, form steps, messages, My Account, and their error pages', async () => {
    for (const tenant of t.registry.all()) {
      const host = tenant.hostnames[0]!;
      for (const lang of tenant.languages) {
        const pro = await createProfessional(t, tenant.slug, { two_step: 'email' });
        await createDraftResponse(t, pro);
        await inTenant(t.db.app, tenant.id, () =>
          sendMessage({ accountId: pro.account.id, email: pro.email, locale: lang, subject: 'Advice request', body: 'Please give your advice.', signInUrl: `http://${host}/sign-in` }),
        );
        const agent = request.agent(t.app.callback());
        await inLanguage(agent, host, lang);
        await signInAs(t, agent, pro.email, pro.password, { host, lang });
        const pages = await crawl(opener(agent, host), ['/', '/send', '/messages', '/my-account'], 150);
        const urls = pages.map((p) => p.url).join(' ');
        if (tenant.services.includes('send')) {
          expect(urls, tenant.slug).toMatch(/\/send\/children\/[0-9a-f-]{36}/);
          expect(urls, tenant.slug).toMatch(/\/forms\/[0-9a-f-]{36}\/steps\/\w/);
        }
        expect(urls).toContain('/messages/');
        const errors = await postEmptyForms(agent, host, pages);
        expectClean([...pages, ...errors], `${tenant.slug} ${lang} professional`);
      }
    }
  });

  it('the development mailbox shows emails not sent yet by their subject, never their key', async () => {
    for (const tenant of t.registry.all()) {
      const host = tenant.hostnames[0]!;
      for (const lang of tenant.languages) {
        await inTenant(t.db.app, tenant.id, async () => {
          await queueEmail({ to: 'pending@school.example', template: 'backoffice.emails.approved', locale: lang, data: { name: 'Ffion Evans', actionUrl: `http://${host}/sign-in` } });
          await queueEmail({ to: 'pending@school.example', template: 'sign-in.emails.code', locale: lang, data: { code: '123456', minutes: 10 } });
        });
        const agent = request.agent(t.app.callback());
        await inLanguage(agent, host, lang);
        const page = await opener(agent, host)('/_dev/mailbox');
        expect(page.status).toBe(200);
        const subject = translator(lang)('sign-in.emails.code.subject', { portalName: localise(tenant.portalName, lang) });
        expect(shownText(page.html)).toContain(subject);
        expectClean([page], `${tenant.slug} ${lang} mailbox`);
      }
    }
  });

  it('council staff: the back office pages', async () => {
    for (const tenant of t.registry.all()) {
      const host = tenant.hostnames[0]!;
      const pro = await createProfessional(t, tenant.slug);
      await createDraftResponse(t, pro);
      for (const lang of tenant.languages) {
        const staff = await createStaff(t, tenant.slug);
        const agent = request.agent(t.app.callback());
        await inLanguage(agent, host, lang);
        const form = await agent.get('/backoffice/sign-in').set('Host', host);
        const csrf = form.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
        await agent.post('/backoffice/sign-in').set('Host', host).type('form').send({ _csrf: csrf, email: staff.email, password: staff.password });
        const codePage = await agent.get('/backoffice/sign-in/code').set('Host', host);
        const codeCsrf = codePage.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
        const signedIn = await agent.post('/backoffice/sign-in/code').set('Host', host).type('form').send({ _csrf: codeCsrf, code: await emailedCode(t, staff.email) });
        expect(signedIn.status).toBe(303);
        const pages = await crawl(opener(agent, host), ['/backoffice'], 120, [/^\/(?!backoffice)/]);
        expect(pages.length, tenant.slug).toBeGreaterThan(tenant.services.includes('send') ? 3 : 0);
        const errors = await postEmptyForms(agent, host, pages);
        expectClean([...pages, ...errors], `${tenant.slug} ${lang} staff`);
      }
    }
  });
});
