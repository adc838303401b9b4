import { typeLabel } from './file-types.js';
import type { UploadRow } from './service.js';

/** A choice in a file question's description list. */
export interface Description {
  value: string;
  text: string;
}

/** An upload with what the documents table shows. */
export interface ListedUpload extends UploadRow {
  /** "PDF", "DOCX", "JPG"… */
  file_type: string;
  /** "245 KB", "1.2 MB". */
  size_text: string;
  /** The description as people read it (the list's text for a chosen value, or what was typed). */
  description_text: string;
}

/** "245 KB", "1.2 MB" (the same in English and Welsh). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function describeUploads(uploads: UploadRow[], descriptions: Description[] = []): ListedUpload[] {
  return uploads.map((u) => ({
    ...u,
    size: Number(u.size),
    file_type: typeLabel(u.media_type),
    size_text: formatSize(Number(u.size)),
    description_text: descriptions.find((d) => d.value === u.description)?.text ?? u.description ?? '',
  }));
}
