import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { browserSession, expectAccessible } from '../support/browser.js';

const FOOTER = [
  ['User guides', 'Canllawiau defnyddwyr'],
  ['Contact us', 'Cysylltu â ni'],
  ['Terms and conditions', 'Telerau ac amodau'],
  ['Privacy notice', 'Hysbysiad preifatrwydd'],
  ['Cookies', 'Cwcis'],
  ['Accessibility statement', 'Datganiad hygyrchedd'],
] as const;

describe('help pages from the footer', () => {
  const session = browserSession();
  let page: Page;
  let t: TestApp;
  let port: number;
  beforeEach(() => {
    ({ page, t, port } = session);
  });

  it('opens every footer link on Dudley, each an accessible page with its heading', async () => {
    for (const [english] of FOOTER) {
      await page.goto(`http://dudley.localhost:${port}/`);
      await page.getByRole('contentinfo').getByRole('link', { name: english, exact: true }).click();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(new RegExp(`^${english}`));
      await expectAccessible(page);
    }
    // The contact page gives the council's own address.
    await page.goto(`http://dudley.localhost:${port}/help/contact`);
    expect(await page.getByRole('main').getByRole('link', { name: t.registry.forSlug('dudley')!.contact.email }).count()).toBeGreaterThan(0);
  });

  it('opens every footer link on Vale in Welsh, accessibly', async () => {
    await page.goto(`http://vale.localhost:${port}/?lang=cy`);
    for (const [, welsh] of FOOTER) {
      await page.goto(`http://vale.localhost:${port}/`);
      await page.getByRole('contentinfo').getByRole('link', { name: welsh, exact: true }).click();
      expect(await page.locator('html').getAttribute('lang')).toBe('cy');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(new RegExp(`^${welsh}`));
      await expectAccessible(page);
    }
  });

  it('lists the language cookie only for a bilingual council', async () => {
    await page.goto(`http://vale.localhost:${port}/help/cookies?lang=en`);
    expect(await page.getByRole('table').textContent()).toContain('portal.lang');
    // Every cookie the portal sets is listed, including where to go back to after signing in.
    expect(await page.getByRole('row', { name: /portal\.return/ }).textContent()).toContain('Remembers the page you asked for before signing in');
    await page.goto(`http://leicester.localhost:${port}/help/cookies`);
    expect(await page.getByRole('table').textContent()).not.toContain('portal.lang');
  });
});
