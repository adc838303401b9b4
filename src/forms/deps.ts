import type { Middleware } from 'koa';
import type { WorkRoleDetails } from '../accounts/directory.js';
import type { UploadDeps, UploadRow } from '../uploads/service.js';
import type { FormDefinitions } from './definitions.js';
import type { FindAddresses } from './questions/address.js';

/** A professional's work roles (the accounts domain's directory): the "Your work details" step and the summary. */
export interface WorkRoles {
  of(accountId: string): Promise<WorkRoleDetails[]>;
  one(accountId: string, roleId: unknown): Promise<WorkRoleDetails | undefined>;
}

/** The documents uploaded to a response (the uploads domain), for file questions, the summary and the PDF. */
export interface ResponseDocuments {
  list(responseId: string, questionId?: string): Promise<UploadRow[]>;
}

/** What the forms engine's routes and jobs are given by the composition root. */
export interface FormsDeps extends UploadDeps {
  library: FormDefinitions;
  /** The postcode finder of address questions (the accounts domain's address list). */
  findAddresses: FindAddresses;
  workRoles: WorkRoles;
  documents: ResponseDocuments;
}

/** What each forms route module gets from forms/routes.ts: the services, and the guard chain of a professional's own response (response-scope.ts ownResponse), built once. */
export interface FormRouteDeps extends FormsDeps {
  ownResponse: Middleware[];
}
