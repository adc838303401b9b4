import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromFile } from 'file-type';

/** A kind of document we accept: the extensions it may have and what its content must be. */
interface Kind {
  /** What people see in the "File type" column. */
  label: string;
  mediaType: string;
  /** file-type's verdict from the bytes. */
  detected: string;
  image?: boolean;
}

const PDF: Kind = { label: 'PDF', mediaType: 'application/pdf', detected: 'pdf' };
const PNG: Kind = { label: 'PNG', mediaType: 'image/png', detected: 'png', image: true };
const JPEG: Kind = { label: 'JPG', mediaType: 'image/jpeg', detected: 'jpg', image: true };
const BMP: Kind = { label: 'BMP', mediaType: 'image/bmp', detected: 'bmp', image: true };
// Word 97–2003 files are OLE2 compound files ("cfb") holding a WordDocument stream.
const DOC: Kind = { label: 'DOC', mediaType: 'application/msword', detected: 'cfb' };
const DOCX: Kind = { label: 'DOCX', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', detected: 'docx' };

const BY_EXTENSION: Record<string, Kind> = { '.pdf': PDF, '.png': PNG, '.jpg': JPEG, '.jpeg': JPEG, '.bmp': BMP, '.doc': DOC, '.docx': DOCX };
const BY_MEDIA_TYPE = new Map(Object.values(BY_EXTENSION).map((k) => [k.mediaType, k]));

export const extensionOf = (fileName: string) => path.extname(fileName).toLowerCase();

/** Whether the name ends with an extension we take (checked before a byte is stored). */
export function allowedName(fileName: string): boolean {
  return Object.hasOwn(BY_EXTENSION, extensionOf(fileName));
}

export interface VerifiedType {
  mediaType: string;
  image: boolean;
}

/** The file's real type, when its bytes agree with its extension; undefined otherwise (a renamed .exe, a fake .pdf). */
export async function verifyType(filePath: string, fileName: string): Promise<VerifiedType | undefined> {
  const kind = BY_EXTENSION[extensionOf(fileName)];
  if (!kind) return undefined;
  const detected = await fileTypeFromFile(filePath);
  if (detected?.ext !== kind.detected) return undefined;
  if (kind === DOC && !(await readFile(filePath)).includes(WORD_STREAM)) return undefined;
  return { mediaType: kind.mediaType, image: kind.image === true };
}

// The name of the stream every Word 97–2003 document has, as the compound file's directory stores it (UTF-16).
const WORD_STREAM = Buffer.from('WordDocument', 'utf16le');

/** "PDF", "DOCX", … for a stored media type. */
export function typeLabel(mediaType: string): string {
  return BY_MEDIA_TYPE.get(mediaType)?.label ?? mediaType;
}
