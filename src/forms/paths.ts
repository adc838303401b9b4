// The addresses of a response's pages, in one place (no imports: routes, emails and
// presenters all build links from here).

/** A response's step list. */
export const formPath = (responseId: string) => `/forms/${responseId}`;

/** One step of a response. */
export const stepPath = (responseId: string, stepId: string) => `/forms/${responseId}/steps/${stepId}`;

/** A submitted response, read only. */
export const viewPath = (responseId: string) => `/forms/${responseId}/view`;

/** Where the emailed link of a saved form leads: Recover a form, with that form highlighted (no secret: sign-in comes first). */
export const recoverPath = (responseId?: string) => (responseId ? `/forms/saved?form=${responseId}#form-${responseId}` : '/forms/saved');
