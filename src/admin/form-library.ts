import { checkEnabledForms, readFormLibrary } from '../forms/library.js';
import type { LibraryForm } from './deps.js';

/** The forms a council can enable, for AdminDeps.formLibrary (read once). */
let cached: LibraryForm[] | undefined;
export function libraryForms(): LibraryForm[] {
  cached ??= [...readFormLibrary().forms.values()].map((f) => ({ id: f.id, title: f.title, service: f.service }));
  return cached;
}

/** The form library's check of enabled forms, for TenantConfigService and the tenant CLIs. */
export { checkEnabledForms };
