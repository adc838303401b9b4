import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { inTenant } from '../../src/platform/db/unit-of-work.js';
import { sendMessage } from '../../src/messages/inbox.js';
import { createProfessional, signInAs } from '../support/accounts.js';
import { browserSession, expectAccessible } from '../support/browser.js';
import { linksOf, pageKind } from '../support/crawl.js';
import { createStaff, signInStaff } from '../support/staff.js';
import { createDraftResponse } from '../support/uploads.js';

/**
 * WCAG 1.4.10 Reflow: at 320 CSS pixels wide (1280 px at 400 % zoom) no page
 * scrolls sideways. Every page of the journeys, found by following links, in
 * every council (and in Welsh, whose words are longer).
 */
describe('reflow at 320 CSS pixels', () => {
  const s = browserSession();

  /** The page's width beyond the viewport and the elements that stick out. */
  async function overflow(page: Page) {
    return page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > width + 1 && getComputedStyle(el).position !== 'fixed')
        .filter((el) => !el.closest('.govuk-visually-hidden, .govuk-skip-link, [hidden]'))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(el.getBoundingClientRect().right)})`);
      return { scrollWidth: document.documentElement.scrollWidth, wide };
    });
  }

  /** Opens every page linked from `starts` (each kind once) at 320 px; returns the ones that scroll sideways. */
  async function crawlNarrow(page: Page, base: string, starts: string[], only?: RegExp, limit = 80): Promise<{ pages: string[]; problems: string[] }> {
    await page.setViewportSize({ width: 320, height: 640 });
    const seen = new Set<string>();
    const queue = [...starts];
    const pages: string[] = [];
    const problems: string[] = [];
    while (queue.length && pages.length < limit) {
      const url = queue.shift()!;
      if (seen.has(pageKind(url)) || (only && !only.test(url))) continue;
      seen.add(pageKind(url));
      const response = await page.goto(`${base}${url}`);
      const landed = new URL(page.url());
      seen.add(pageKind(landed.pathname + landed.search));
      pages.push(landed.pathname);
      expect(response?.status() ?? 0, url).toBeLessThan(500);
      const { scrollWidth, wide } = await overflow(page);
      if (scrollWidth > 320) problems.push(`${landed.pathname}: ${scrollWidth}px wide: ${wide.join(', ')}`);
      for (const link of linksOf(await page.content())) if (!seen.has(pageKind(link))) queue.push(link);
    }
    return { pages, problems };
  }

  /** The error state of each form on the page: its first button pressed with nothing filled in. */
  async function emptySubmissions(page: Page, base: string, paths: string[]): Promise<string[]> {
    const problems: string[] = [];
    for (const path of paths) {
      await page.goto(`${base}${path}`);
      const button = page.locator('main form[method="post"] button.govuk-button').first();
      if (!(await button.count())) continue;
      await button.click();
      await page.waitForLoadState();
      const { scrollWidth, wide } = await overflow(page);
      if (scrollWidth > 320) problems.push(`${path} (after submitting): ${scrollWidth}px wide: ${wide.join(', ')}`);
    }
    return problems;
  }

  it('signed out, every council: home, help, sign in, register, forgotten password and their error pages', async () => {
    const problems: string[] = [];
    for (const tenant of s.t.registry.all()) {
      const base = s.base(tenant.hostnames[0]!);
      for (const lang of tenant.languages) {
        await s.page.goto(`${base}/?lang=${lang}`);
        const found = await crawlNarrow(s.page, base, ['/', '/sign-in', '/register', '/forgotten-password', '/backoffice/sign-in']);
        expect(found.pages).toContain('/register');
        problems.push(...found.problems.map((p) => `${tenant.slug} ${lang} ${p}`));
        problems.push(...(await emptySubmissions(s.page, base, ['/sign-in', '/register', '/forgotten-password'])).map((p) => `${tenant.slug} ${lang} ${p}`));
      }
    }
    expect(problems).toEqual([]);
  });

  it('a professional, every council: home, Select Person, progress, form steps, messages, My Account', async () => {
    const problems: string[] = [];
    for (const tenant of s.t.registry.all()) {
      const host = tenant.hostnames[0]!;
      const base = s.base(host);
      for (const lang of tenant.languages) {
        const context = await s.browser.newContext();
        const page = await context.newPage();
        const pro = await createProfessional(s.t, tenant.slug, { two_step: 'email', forename: 'Bartholomew-Maximilian', surname: 'Featherstonehaugh-Cholmondeley' });
        const draft = await createDraftResponse(s.t, pro);
        await inTenant(s.t.db.app, tenant.id, () =>
          sendMessage({ accountId: pro.account.id, email: pro.email, locale: lang, subject: 'Request for educational advice about a child you work with', body: 'Please give your advice.', signInUrl: `${base}/sign-in` }),
        );
        await page.goto(`${base}/?lang=${lang}`);
        await signInAs(s.t, page, pro.email, pro.password, { baseUrl: base, lang });
        const found = await crawlNarrow(page, base, ['/', '/send', `/send/children/${draft.childId}`, `/forms/${draft.responseId}`, '/messages', '/my-account'], undefined, 120);
        if (tenant.services.includes('send')) expect(found.pages.some((p) => p.includes('/steps/')), tenant.slug).toBe(true);
        problems.push(...found.problems.map((p) => `${tenant.slug} ${lang} ${p}`));
        await context.close();
      }
    }
    expect(problems).toEqual([]);
  });

  it('Select Person and the progress page show stacked rows at 320 px, labelled and accessible, and a table at full width', async () => {
    const base = s.base('leicester.localhost');
    const pro = await createProfessional(s.t, 'leicester', { two_step: 'email' });
    const draft = await createDraftResponse(s.t, pro);
    await signInAs(s.t, s.page, pro.email, pro.password, { baseUrl: base });
    await s.page.setViewportSize({ width: 320, height: 640 });
    await s.page.goto(`${base}/send`);
    const row = s.page.getByRole('row', { name: /Evans, Ffion/ });
    const name = await row.getByRole('cell').nth(0).boundingBox();
    const schoolCell = row.getByRole('cell').filter({ hasText: 'Hillside Primary School' });
    const school = await schoolCell.boundingBox();
    expect(school!.x).toBe(name!.x); // one above the other, not side by side
    expect(school!.y).toBeGreaterThan(name!.y);
    // Each stacked cell is introduced by its column's name.
    expect(await schoolCell.evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"School"');
    expect(await s.page.locator('thead').evaluate((el) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
    await expectAccessible(s.page);
    await s.page.goto(`${base}/send/children/${draft.childId}`);
    expect((await overflow(s.page)).scrollWidth).toBeLessThanOrEqual(320);
    await expectAccessible(s.page);

    await s.page.setViewportSize({ width: 1024, height: 768 });
    await s.page.goto(`${base}/send`);
    const wide = s.page.getByRole('row', { name: /Evans, Ffion/ });
    const nameWide = await wide.getByRole('cell').nth(0).boundingBox();
    const schoolWide = await wide.getByRole('cell').filter({ hasText: 'Hillside Primary School' }).boundingBox();
    expect(schoolWide!.x).toBeGreaterThan(nameWide!.x);
    expect(schoolWide!.y).toBe(nameWide!.y);
  });

  it('council staff: the back office pages', async () => {
    const problems: string[] = [];
    for (const tenant of s.t.registry.all().filter((t) => t.services.includes('send'))) {
      const base = s.base(tenant.hostnames[0]!);
      const pro = await createProfessional(s.t, tenant.slug);
      await createDraftResponse(s.t, pro);
      const staff = await createStaff(s.t, tenant.slug);
      const context = await s.browser.newContext();
      const page = await context.newPage();
      await signInStaff(page, s.t, staff.email, staff.password, { url: `${base}/backoffice/sign-in` });
      const found = await crawlNarrow(page, base, ['/backoffice'], /^\/backoffice/);
      expect(found.pages.length).toBeGreaterThan(3);
      problems.push(...found.problems.map((p) => `${tenant.slug} ${p}`));
      await context.close();
    }
    expect(problems).toEqual([]);
  });
});
