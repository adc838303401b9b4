import type { UploadDeps } from '../uploads/service.js';
import type { FormDefinitions } from './definitions.js';
import type { FindAddresses } from './questions/address.js';

/** What the forms engine's routes and jobs are given by the composition root. */
export interface FormsDeps extends UploadDeps {
  library: FormDefinitions;
  /** The postcode finder of address questions (the accounts domain's address list). */
  findAddresses: FindAddresses;
}
