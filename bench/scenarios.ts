import type { Databases } from '../src/platform/db/connections.js';
import type { TenantRegistry } from '../src/tenancy/registry.js';
import { recoverWith200Drafts, referralPdfWith6People } from './dudley-forms.js';
import { personFilterPlan } from './person-filter.js';
import { argon2Cost, selectPersonSession, tenUploadsThroughScan } from './signed-in.js';

/** What a scenario's setup can use: the portal's own databases and tenant registry. */
export interface BenchContext {
  db: Databases;
  registry: TenantRegistry;
  /** The portal under test, e.g. http://127.0.0.1:PORT (send the Host header to pick a council). */
  portalUrl: string;
  /** Records a fact (e.g. how long something took) in the printed notes and latest.json. */
  note(key: string, value: string | number): void;
}

export interface Scenario {
  /** Unique; shown in the table and used by `ratios`. */
  name: string;
  /**
   * `portal` (default): the real app. `baseline`: the bare Koa + Handlebars app serving
   * the HTML the portal returns for the same host, path and headers, captured just before.
   */
  target?: 'portal' | 'baseline';
  /** Sent as the Host header: it picks the tenant. */
  host: string;
  path: string;
  headers?: Record<string, string>;
  /**
   * Runs before the scenario's check and warm-up. Scenarios run in this file's order and
   * state persists, so a setup must be idempotent. It may return headers to send
   * (e.g. the cookie of a signed-in session), and the path to measure instead of `path`
   * (a page whose address it made, e.g. the PDF of the response it filled in).
   */
  setup?: (bench: BenchContext) => Promise<void | { headers?: Record<string, string>; path?: string }>;
  /**
   * Baseline only: the regex whose first group becomes the template's one variable.
   * Default: the stylesheet version in every page's layout. For a page with a
   * per-request value (a CSRF token), point it at that value.
   */
  variable?: RegExp;
}

export interface Ratio {
  label: string;
  /** Scenario names: `of` is divided by `to`. */
  of: string;
  to: string;
}

export const SYNTHETIC_TOTAL = 1000;

/**
 * Brings the `tenants` table to SYNTHETIC_TOTAL active tenants by adding copies of a
 * real tenant's config as `synthetic-N` at `synthetic-N.localhost`, then reloads the
 * registry as the running app does (timed, into the notes).
 */
export async function loadSyntheticTenants(bench: BenchContext, template = 'leicester'): Promise<void> {
  const { platform } = bench.db;
  const [{ count }] = (await platform('tenants').where({ active: true }).count({ count: '*' })) as [{ count: number | string }];
  const missing = SYNTHETIC_TOTAL - Number(count);
  if (missing > 0) {
    const source = await platform('tenants').where({ slug: template }).first('config');
    if (!source) throw new Error(`no tenant "${template}" to copy`);
    const config = source.config as Record<string, unknown>;
    const rows = Array.from({ length: missing }, (_, i) => {
      const slug = `synthetic-${i + 1}`;
      return { slug, config: JSON.stringify({ ...config, slug, hostnames: [`${slug}.localhost`] }), source: 'bench' };
    });
    const started = performance.now();
    await platform.batchInsert('tenants', rows, 250);
    bench.note(`insert ${missing} synthetic tenants (ms)`, Math.round(performance.now() - started));
  }
  const started = performance.now();
  await bench.registry.reload(platform);
  bench.note(`registry.reload with ${SYNTHETIC_TOTAL} tenants (ms)`, Math.round((performance.now() - started) * 10) / 10);
  const loaded = bench.registry.all().length;
  if (loaded !== SYNTHETIC_TOTAL) throw new Error(`expected ${SYNTHETIC_TOTAL} tenants in the registry after reload, got ${loaded}`);
}

/**
 * Run in this order. Pages measured with the five file tenants go above the
 * synthetic-tenant block; add a baseline line too when the page should get a
 * portal/baseline ratio.
 */
const CSRF_TOKEN = /name="_csrf" value="([^"]+)"/;

export const scenarios: Scenario[] = [
  { name: 'baseline: home', target: 'baseline', host: 'leicester.localhost', path: '/' },
  { name: 'home, leicester, 5 tenants', host: 'leicester.localhost', path: '/' },

  // Accounts: the sign-in and registration pages (their POSTs are argon2-bound and rate-limited: see the notes).
  { name: 'baseline: sign-in page', target: 'baseline', host: 'leicester.localhost', path: '/sign-in', variable: CSRF_TOKEN },
  { name: 'sign-in page', host: 'leicester.localhost', path: '/sign-in', setup: argon2Cost },
  { name: 'registration page', host: 'vale.localhost', path: '/register' },

  // SEND: a signed-in professional (RLS on, second step done) with 1,000 linked children, then 100,000.
  { name: 'baseline: Select Person, 1000 children', target: 'baseline', host: 'leicester.localhost', path: '/send', variable: CSRF_TOKEN, setup: (b) => selectPersonSession(b, 1000) },
  { name: 'Select Person, 1000 children', host: 'leicester.localhost', path: '/send', setup: (b) => selectPersonSession(b, 1000) },
  {
    name: 'Person Filter, 100000 children',
    host: 'leicester.localhost',
    path: '/send?filter=taylor&view=active',
    setup: async (b) => {
      const session = await selectPersonSession(b, 100_000);
      await personFilterPlan(b);
      return session;
    },
  },

  // Dudley's forms about a family (`BENCH_ONLY=Dudley`): Recover a form with 200 saved referrals, and the PDF of a referral about 6 people (goal ≤ 500 ms).
  { name: 'Dudley: Recover a form, 200 saved drafts', host: 'dudley.localhost', path: '/forms/saved', setup: recoverWith200Drafts },
  { name: 'Dudley: PDF of a Multi Agency Referral Form with 6 people', host: 'dudley.localhost', path: '/forms/saved', setup: referralPdfWith6People },
  { name: '10 MB upload through the scan (notes)', host: 'leicester.localhost', path: '/', setup: tenUploadsThroughScan },

  // 1,000 tenants from here on (the setup is idempotent; the table shows the count).
  { name: 'home, leicester, 1000 tenants', host: 'leicester.localhost', path: '/', setup: (b) => loadSyntheticTenants(b) },
  { name: 'home, synthetic-500, 1000 tenants', host: 'synthetic-500.localhost', path: '/', setup: (b) => loadSyntheticTenants(b) },
];

export const ratios: Ratio[] = [
  { label: 'portal/baseline (home)', of: 'home, leicester, 5 tenants', to: 'baseline: home' },
  { label: 'portal/baseline (sign-in page)', of: 'sign-in page', to: 'baseline: sign-in page' },
  { label: 'portal/baseline (Select Person, 1000 children)', of: 'Select Person, 1000 children', to: 'baseline: Select Person, 1000 children' },
  { label: '1000 tenants / 5 tenants (leicester home)', of: 'home, leicester, 1000 tenants', to: 'home, leicester, 5 tenants' },
  { label: '1000 tenants / 5 tenants (synthetic-500 vs leicester home)', of: 'home, synthetic-500, 1000 tenants', to: 'home, leicester, 5 tenants' },
];
