// The fields of an upload beside a file question (its description and the file), shared by
// the pipeline that checks them and the view that shows them again.

export type UploadField = 'file' | 'description' | 'otherDescription';

export interface UploadValues {
  description: string;
  otherDescription: string;
}

/** The description value that asks for "Description where not listed above" (compared without case). */
export const OTHER_DESCRIPTION = 'other';
export const MAX_DESCRIPTION = 30_000;
