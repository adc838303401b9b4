import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { browserSession, expectAccessible } from '../support/browser.js';

describe('the council portals in a real browser', () => {
  // The development mailbox is served only when asked for.
  const session = browserSession({ DEV_MAILBOX: 'true' });
  let page: Page;
  let t: TestApp;
  beforeEach(() => {
    ({ page, t } = session);
  });
  const url = (host: string, path = '/') => `${session.base(host)}${path}`;

  it('opens the Vale portal, switches to Cymraeg and back, accessible throughout', async () => {
    await page.goto(url('vale.localhost'));
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe("Welcome to the Vale of Glamorgan Council's Professional Portal");
    expect(await page.getByRole('img', { name: 'Vale of Glamorgan Council' }).isVisible()).toBe(true);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Cymraeg' }).click();
    await page.waitForURL(url('vale.localhost'));
    expect(await page.locator('html').getAttribute('lang')).toBe('cy');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Croeso i Borth Gweithwyr Proffesiynol Cyngor Bro Morgannwg');
    expect(await page.getByRole('button', { name: 'Mewngofnodi' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Datganiad hygyrchedd' }).isVisible()).toBe(true);
    await expectAccessible(page);

    // The choice is remembered on the next visit.
    await page.goto(url('vale.localhost'));
    expect(await page.locator('html').getAttribute('lang')).toBe('cy');

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(url('vale.localhost'));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
  });

  it('reaches the main content with the skip link from the keyboard', async () => {
    await page.goto(url('stoke.localhost'));
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/#main-content$/);
    expect(page.url()).toMatch(/#main-content$/);
  });

  for (const host of ['stoke.localhost', 'redcar.localhost', 'leicester.localhost', 'dudley.localhost']) {
    it(`shows ${host} in its own colours, in English only, accessibly`, async () => {
      await page.goto(url(host));
      const tenant = t.registry.forHost(host)!;
      const header = await page.locator('header.portal-header').evaluate((el) => getComputedStyle(el).backgroundColor);
      const hex = tenant.brand.colours.header;
      const rgb = `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;
      expect(header).toBe(rgb);
      expect(await page.getByRole('link', { name: 'Cymraeg' }).count()).toBe(0);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(tenant.home.welcome.en);
      await expectAccessible(page);
    });
  }

  it('shows an accessible 404 page in the council look', async () => {
    const response = await page.goto(url('leicester.localhost', '/nothing-here'));
    expect(response!.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    await expectAccessible(page);
  });

  it('shows an accessible bilingual page for an unknown host', async () => {
    const response = await page.goto(url('unknown.localhost'));
    expect(response!.status()).toBe(404);
    expect(await page.getByRole('heading', { name: 'Page not found' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: "Heb ddod o hyd i'r dudalen" }).isVisible()).toBe(true);
    await expectAccessible(page);
  });

  it('shows the platform admin sign-in accessibly', async () => {
    await page.goto(url('admin.localhost'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in to platform administration');
    await expectAccessible(page);
  });

  it('shows the development mailbox accessibly', async () => {
    await page.goto(url('vale.localhost', '/_dev/mailbox'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Development mailbox');
    await expectAccessible(page);
  });
});
