import type { UploadDeps } from '../uploads/service.js';
import type { FormLibrary } from './library.js';

/** What the forms engine's routes and jobs are given by the composition root. */
export interface FormsDeps extends UploadDeps {
  library: FormLibrary;
}
