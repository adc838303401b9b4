import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { buildTestApp, type TestApp } from './app.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this sandboxed machine needs. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Runs axe with the WCAG 2.2 A and AA rules and fails with a readable list of violations. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(summary, `axe found violations on ${page.url()}`).toEqual([]);
  // axe really looked at the page: some rules applied and passed.
  expect(results.passes.length).toBeGreaterThan(3);
}

export interface BrowserSession {
  t: TestApp;
  browser: Browser;
  /** A fresh browser context (no cookies) for each test. */
  context: BrowserContext;
  page: Page;
  port: number;
  /** http://<host>:<port> */
  base(host: string): string;
}

/**
 * The usual e2e set-up: the real app on its own database and a real HTTP port,
 * Chromium, and a new context and page before each test. Read the fields inside tests.
 */
export function browserSession(env: Record<string, string> = {}): BrowserSession {
  const session = {
    base: (host: string) => `http://${host}:${session.port}`,
  } as BrowserSession;
  beforeAll(async () => {
    session.t = await buildTestApp(env);
    session.port = await session.t.listen();
    session.browser = await launchBrowser();
  });
  beforeEach(async () => {
    await session.context?.close();
    session.context = await session.browser.newContext();
    session.page = await session.context.newPage();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.t?.close();
  });
  return session;
}
