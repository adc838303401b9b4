import { z } from 'zod';
import type { SessionControls } from '../platform/http/session.js';

/**
 * The one declared shape of a session. What the store holds is parsed with it
 * on every read: a value that does not fit (an old deployment's, a tampered
 * row's) is dropped, never trusted. Domains read and write these fields through
 * `ctx.session`, typed by this shape; nothing else is kept in a session.
 */

const id = z.string().uuid();
const text = (max = 1000) => z.string().max(max);
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** A sign-in waiting for its emailed code (professionals and staff). */
const pendingSignIn = z.object({ accountId: id, email: text(320), startedAt: z.number() });

const addressParts = z
  .object({
    organisation: text(200).nullable(),
    houseNumber: text(200).nullable(),
    houseName: text(200).nullable(),
    buildingName: text(200).nullable(),
    street: text(200).nullable(),
    district: text(200).nullable(),
    town: text(200).nullable(),
    county: text(200).nullable(),
    postcode: text(20).nullable(),
    country: text(200).nullable(),
  })
  .partial();

/** What a person has typed in the work details step of registration, kept while they move between steps. */
const workDraft = z
  .object({
    role: text(200),
    organisation: text(200),
    /** 'find' by postcode (the default) or 'manual' entry. */
    addressMode: z.enum(['find', 'manual']),
    postcode: text(20),
    /** The postcode whose addresses are listed to choose from. */
    searched: text(20),
    uprn: text(20),
    manual: addressParts,
    mobile: text(50),
    workPhone: text(50),
  })
  .partial();

/** A registration ready to become an account: the password's argon2id hash, never the password. */
const newRegistration = z.object({
  email: text(320),
  passwordHash: text(500),
  title: text(50).nullable(),
  forename: text(200),
  surname: text(200),
  gender: text(50).nullable(),
  language: text(5),
  workRole: z
    .object({
      role: text(200),
      organisation: text(200),
      address: addressParts.extend({ uprn: z.number().nullable().optional() }),
      mobile: text(50).nullable(),
      workPhone: text(50).nullable(),
    })
    .optional(),
});

const registrationStep = z.enum(['security', 'about', 'work']);

/** A registration in progress. */
const registrationDraft = z
  .object({
    email: text(320),
    emailConfirm: text(320),
    passwordHash: text(500),
    title: text(50),
    forename: text(200),
    surname: text(200),
    gender: text(50),
    work: workDraft,
    /** Steps answered validly, so later steps can be opened. */
    completed: z.array(registrationStep),
    /** Once submitted, when the council confirms by code: what becomes the account when the code is entered. */
    pending: newRegistration,
    /** Shows "We have sent you a new code" once. */
    codeResent: z.boolean(),
  })
  .partial();

/** A one-off message for the next page of an area after a redirect ("2 records hidden", "Your password has been changed"). */
const notice = z.object({
  area: z.enum(['people', 'backoffice', 'my-account']),
  key: text(200),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

const uploadField = z.enum(['file', 'description', 'otherDescription']);

/** What the last upload or delete on a question did, kept across the redirect. */
const uploadFeedback = z.object({
  responseId: id,
  questionId: text(100),
  errors: z.partialRecord(uploadField, text(200)).optional(),
  values: z.object({ description: text(200), otherDescription: text(2000) }).optional(),
  uploaded: z.object({ fileName: text(300), status: z.enum(['receiving', 'pending', 'clean', 'infected']) }).optional(),
  deleted: text(300).optional(),
});

const circumstances = z.object({ change: z.enum(['leftOrganisation', 'changedRole', 'somethingElse']), details: text(2000) });

/** A platform admin's session: only on the admin host, in its own cookie and table (src/admin/session.ts). */
const adminSignIn = z.object({
  adminId: id.optional(),
  signedInAt: z.number().optional(),
  /** Password right, authenticator code still to come. */
  pending: z.object({ adminId: id, startedAt: z.number() }).optional(),
  /** Set-up in progress: the admin from the link, and the authenticator secret until confirmed. */
  setup: z.object({ adminId: id, secret: text(200).optional(), recoveryCodes: z.array(text(100)).max(20).optional() }).optional(),
});

export const sessionShape = z.object({
  /** Who is signed in (set only by startSignedInSession). */
  accountId: optional(id),
  kind: optional(z.enum(['professional', 'staff'])),
  signedInAt: optional(z.number()),
  /** Where to go back to after signing in. */
  returnTo: optional(text(2048)),
  pendingSignIn: optional(pendingSignIn),
  staffSignIn: optional(pendingSignIn),
  passwordReset: optional(z.object({ email: text(320), startedAt: z.number(), accountId: id.optional() })),
  registration: optional(registrationDraft),
  notice: optional(notice),
  myAccountEmailChange: optional(text(320)),
  myAccountCircumstances: optional(circumstances),
  myAccountCircumstancesSent: optional(z.boolean()),
  /** Closing the account: password given, emailed code still to come (accounts that use Two Step Verification). */
  myAccountClosing: optional(z.object({ startedAt: z.number() })),
  uploadFeedback: optional(uploadFeedback),
  admin: optional(adminSignIn),
});

export type SessionData = z.infer<typeof sessionShape>;
export type RegistrationDraft = z.infer<typeof registrationDraft>;
export type WorkDraft = z.infer<typeof workDraft>;
export type NewRegistration = z.infer<typeof newRegistration>;
export type RegistrationStep = z.infer<typeof registrationStep>;
export type PendingSignIn = z.infer<typeof pendingSignIn>;
export type UploadFeedback = z.infer<typeof uploadFeedback>;
export type Notice = z.infer<typeof notice>;
export type AdminSession = z.infer<typeof adminSignIn>;

/** What the store held, as the declared shape (fields that do not fit are dropped). */
export function parseSession(data: unknown): SessionData {
  const parsed = sessionShape.safeParse(data && typeof data === 'object' ? data : {});
  return parsed.success ? parsed.data : {};
}

declare module 'koa' {
  interface DefaultContext {
    /** The visitor's session (koa-session), in the shape declared in src/access/session.ts. */
    session: (SessionControls & SessionData) | null;
  }
}
