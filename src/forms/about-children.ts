import type { FormsAboutChildren } from '../people/deletion.js';
import { currentTenantId } from '../platform/db/unit-of-work.js';
import { removeUploadsOf, type UploadDeps } from '../uploads/service.js';
import { childrenWithSubmissions, deleteResponses, draftsAbout } from './responses.js';

/** What the forms engine tells the people domain about children's forms (wired by the composition root). */
export function formsAboutChildren(deps: Pick<UploadDeps, 'storage'>): FormsAboutChildren {
  return {
    submittedAbout: childrenWithSubmissions,
    async removeDraftsAbout(childIds) {
      const drafts = await draftsAbout(childIds);
      await removeUploadsOf(currentTenantId(), drafts, deps);
      await deleteResponses(drafts);
    },
  };
}
