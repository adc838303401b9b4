import type { ServiceName } from '../tenancy/schema.js';
import type { SignedIn, StaffRole } from './actor.js';

/**
 * What an actor may do with a thing, in one place (as Outline's server/policies).
 * Routes ask `authorize(actor, action, subject)`; a refusal is a 404, so a
 * record that is not yours looks the same as one that does not exist.
 */

/** A form response as the policies see it. */
export interface ResponseSubject {
  accountId: string;
  status: 'draft' | 'submitted';
  /** A submitted form being edited (after giving a reason). */
  editing: boolean;
  service: ServiceName;
}

/** A document as the policies see it. */
export interface UploadSubject {
  /** The professional whose form it belongs to. */
  ownerId: string;
  deleted: boolean;
  /** Whether a submitted version of the form lists it (the council keeps it then). */
  submitted: boolean;
  service: ServiceName;
}

/** The back office role that works on each service's forms and children. */
export const SERVICE_ROLE: Record<ServiceName, StaffRole> = {
  send: 'send-officer',
  socialCare: 'social-care-intake',
  earlyHelp: 'early-help-intake',
};

const isStaffWith = (actor: SignedIn | undefined, role: StaffRole) => actor?.kind === 'staff' && actor.status === 'active' && actor.roles.includes(role);
const isOwner = (actor: SignedIn | undefined, accountId: string) => actor?.kind === 'professional' && actor.id === accountId;

const policies = {
  /** Service areas (children, forms, documents): active professionals only, not those waiting for the council. */
  useServices: (actor: SignedIn | undefined) => actor?.kind === 'professional' && actor.status === 'active',
  /** A back office area of work. */
  actAs: (actor: SignedIn | undefined, role: StaffRole) => isStaffWith(actor, role),
  /** Answers and documents may change while the professional works on their draft, or on an edit they started. */
  changeResponse: (actor: SignedIn | undefined, response: ResponseSubject) => isOwner(actor, response.accountId) && (response.status === 'draft' || response.editing),
  /** The professional's own forms; the council's staff for that service, once submitted. */
  readResponse: (actor: SignedIn | undefined, response: ResponseSubject) =>
    isOwner(actor, response.accountId) || (response.status === 'submitted' && isStaffWith(actor, SERVICE_ROLE[response.service])),
  /** The owner while the document is on their form; the council's staff once a submitted version lists it. */
  downloadUpload: (actor: SignedIn | undefined, upload: UploadSubject) =>
    (isOwner(actor, upload.ownerId) && !upload.deleted) || (upload.submitted && isStaffWith(actor, SERVICE_ROLE[upload.service])),
  /**
   * A document the council shared about a child: the council's staff of that service may re-open
   * or remove it while it is shared (`downloadUpload` is for professionals' form documents, which
   * staff see only once a submitted version lists them; a council document belongs to no form).
   */
  handleCouncilDocument: (actor: SignedIn | undefined, document: { deleted: boolean; service: ServiceName }) =>
    !document.deleted && isStaffWith(actor, SERVICE_ROLE[document.service]),
  /** A message sent to this professional. */
  readMessage: (actor: SignedIn | undefined, message: { accountId: string }) => isOwner(actor, message.accountId),
} satisfies Record<string, (actor: SignedIn | undefined, ...subject: never[]) => boolean>;

export type Action = keyof typeof policies;
type Subject<A extends Action> = Parameters<(typeof policies)[A]> extends [unknown, ...infer Rest] ? Rest : never;

export function can<A extends Action>(actor: SignedIn | undefined, action: A, ...subject: Subject<A>): boolean {
  return Reflect.apply(policies[action], undefined, [actor, ...subject]) === true;
}

export class NotAllowed extends Error {
  readonly status = 404;
  readonly expose = false;
}

/** Throws a 404 unless the actor may do this. */
export function authorize<A extends Action>(actor: SignedIn | undefined, action: A, ...subject: Subject<A>): void {
  if (!can(actor, action, ...subject)) throw new NotAllowed(`not allowed: ${action}`);
}
