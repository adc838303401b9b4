import { z } from 'zod';

import { localisedText } from '../i18n/text.js';

export { localisedText, type LocalisedText } from '../i18n/text.js';

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #005ea5');
const hostname = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'must be a lower-case host name without port');

export const serviceName = z.enum(['send', 'socialCare', 'earlyHelp']);
export type ServiceName = z.infer<typeof serviceName>;

export const passwordPolicy = z
  .object({
    minLength: z.number().int().min(8).max(128),
    maxLength: z.number().int().min(8).max(1024),
    minDigits: z.number().int().min(0).max(10),
    minLower: z.number().int().min(0).max(10),
    minUpper: z.number().int().min(0).max(10),
    minSpecial: z.number().int().min(0).max(10),
    notEqualToEmail: z.boolean(),
  })
  .strict()
  .refine((p) => p.maxLength >= p.minLength, { message: 'maxLength must be at least minLength', path: ['maxLength'] });

/** A GOV.UK tag colour (govuk-tag--<colour>). */
export const tagColour = z.enum(['grey', 'green', 'turquoise', 'blue', 'light-blue', 'purple', 'pink', 'red', 'orange', 'yellow']);

const link = z.object({ text: localisedText, href: z.string().min(1) }).strict();

export const sendStage = z.enum(['request', 'assessment', 'plan', 'review']);
export type SendStage = z.infer<typeof sendStage>;

/** A form from the library (tenants/_library/forms/<form>.json) that this council uses. */
export const enabledForm = z
  .object({
    form: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must name a form in tenants/_library/forms'),
    service: serviceName,
    /** For SEND: the stage of the statutory process the form belongs to. */
    stage: sendStage.optional(),
    /** professional: any professional may start it; onRequest: only when the council asks them to. */
    start: z.enum(['professional', 'onRequest']),
  })
  .strict();
export type EnabledForm = z.infer<typeof enabledForm>;

/** One service's intake queue in the back office. */
const intakeSettings = z
  .object({
    mailbox: z.string().email(),
    outcomes: z.array(z.object({ id: z.string().regex(/^[a-zA-Z]+$/), text: localisedText }).strict()).min(1),
  })
  .strict();
export type IntakeSettings = z.infer<typeof intakeSettings>;

/** The statutory EHC process as this council explains it on each child's progress page. */
const sendProcess = z
  .object({
    stages: z.record(sendStage, z.object({ whatHappensNow: localisedText }).strict()),
    keyDates: z.array(z.object({ id: z.string().regex(/^[a-zA-Z]+$/), stage: sendStage, label: localisedText }).strict()),
  })
  .strict();

export const tenantSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens'),
    name: localisedText,
    portalName: localisedText,
    hostnames: z.array(hostname).min(1),
    languages: z
      .array(z.enum(['en', 'cy']))
      .min(1)
      .refine((l) => l[0] === 'en' || l.includes('en'), 'must include en'),
    brand: z
      .object({
        /** The logo's file name in tenants/<slug>/ (logo.svg, logo.png or logo.jpg); the bytes are a stored asset. */
        logo: z.string().regex(/^logo\.(svg|png|jpg)$/, 'must be logo.svg, logo.png or logo.jpg').optional(),
        colours: z
          .object({
            header: colour,
            headerText: colour,
            primary: colour,
            link: colour,
            footer: colour,
            footerText: colour,
          })
          .strict(),
      })
      .strict(),
    services: z.array(serviceName).min(1),
    forms: z.array(enabledForm).default([]),
    send: sendProcess.optional(),
    passwordPolicy,
    registration: z
      .object({
        confirmation: z.enum(['emailLink', 'emailCode']),
        steps: z.enum(['threeStep', 'oneStep']),
        backOfficeVerification: z.boolean(),
        /** The work roles suggested when registering (any other can be typed); Welsh too in a bilingual council. A plain string is an English-only role. */
        /** What to do once registered, shown when registration is complete (e.g. ask to join the council's maintenance email list). */
        afterRegistration: localisedText.optional(),
        roles: z.array(z.preprocess((role) => (typeof role === 'string' ? { en: role } : role), localisedText)).default([]),
      })
      .strict(),
    signIn: z
      .object({
        secondStep: z.enum(['off', 'optional', 'requiredForServices', 'always']),
        codeLifetimeMinutes: z.number().int().min(1).max(60),
      })
      .strict(),
    session: z.object({ idleTimeoutMinutes: z.number().int().min(5).max(240) }).strict(),
    retention: z
      .object({
        draftDays: z.number().int().min(1).max(3650),
        submittedListDays: z.number().int().min(1).max(3650),
        /** Emails reminding a professional of a saved draft, this many days before it is deleted. */
        reminderDays: z.array(z.number().int().min(1).max(365)).max(5).optional(),
      })
      .strict(),
    home: z
      .object({
        welcome: localisedText,
        intro: localisedText.optional(),
        audienceHeading: localisedText,
        audience: z.array(localisedText),
        canDoHeading: localisedText,
        canDo: z.array(localisedText),
      })
      .strict(),
    contact: z
      .object({
        team: localisedText,
        email: z.string().email(),
        phone: z.string().optional(),
        /** Out of hours emergency duty team, named in forms about children at risk. */
        emergencyPhone: z.string().optional(),
        outOfHoursPhone: z.string().optional(),
      })
      .strict(),
    mail: z
      .object({
        fromName: localisedText,
        fromAddress: z.string().email(),
        /** Advice in every email with a code, and on the pages asking for one: which sender address to trust so codes are not put in spam. */
        senderAdvice: localisedText.optional(),
      })
      .strict(),
    footerLinks: z.array(link).min(1),
    /** The council's intake queue of each service: its team mailbox (told of each submission, without personal data) and the outcomes staff close with. */
    intake: z.partialRecord(serviceName, intakeSettings).optional(),
    /** How a form's step list shows steps: a completed step as a tag of this colour (e.g. green), else as plain text. */
    formSteps: z.object({ completedTag: tagColour.optional() }).strict().optional(),
    /** Links in the header for visitors who are not signed in (e.g. Home, Sign in, Register). */
    headerLinks: z.array(link).optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.services.includes('send') && !t.send) ctx.addIssue({ code: 'custom', path: ['send'], message: 'is required when services include send' });
    t.forms.forEach((f, i) => {
      if (!t.services.includes(f.service)) ctx.addIssue({ code: 'custom', path: ['forms', i, 'service'], message: `"${f.service}" is not one of this council's services` });
      if (f.service === 'send' && !f.stage) ctx.addIssue({ code: 'custom', path: ['forms', i, 'stage'], message: 'is required for a SEND form' });
    });
    for (const service of Object.keys(t.intake ?? {})) {
      if (!t.services.some((s) => s === service)) ctx.addIssue({ code: 'custom', path: ['intake', service], message: `"${service}" is not one of this council's services` });
    }
    const seenRoles = new Map<string, number>();
    t.registration.roles.forEach((role, i) => {
      for (const text of [role.en, role.cy]) {
        if (!text) continue;
        const key = text.trim().toLowerCase();
        const first = seenRoles.get(key);
        if (first !== undefined && first !== i) ctx.addIssue({ code: 'custom', path: ['registration', 'roles', i], message: `"${text}" is already role ${first + 1}: give each role once` });
        else seenRoles.set(key, i);
      }
    });
    if (t.languages.includes('cy')) {
      // A bilingual council must give every text in Welsh too.
      const walk = (value: unknown, path: (string | number)[]) => {
        if (value && typeof value === 'object') {
          const obj = value as Record<string, unknown>;
          if (typeof obj.en === 'string' && !('cy' in obj)) {
            ctx.addIssue({ code: 'custom', path, message: 'needs a Welsh text (cy) because languages include cy' });
          }
          for (const [k, v] of Object.entries(obj)) walk(v, [...path, k]);
        }
      };
      walk(t, []);
    }
  });

export type TenantInput = z.input<typeof tenantSchema>;
export type TenantConfig = z.infer<typeof tenantSchema>;

export type TenantStatus = 'draft' | 'live' | 'suspended';

/** A tenant as the running app knows it: its config plus its database id (and, when loaded from the database, its state). */
export interface Tenant extends TenantConfig {
  id: string;
  /** live unless said otherwise; a suspended council's hosts answer 503. */
  status?: TenantStatus;
  revision?: number;
  /** The logo's content hash prefix: /logo?v=<this> is cached for a year. */
  logoVersion?: string;
}
