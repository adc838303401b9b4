import sharp from 'sharp';

export interface ReEncoded {
  data: Buffer;
  mediaType: string;
}

// Refuse decompression bombs: far beyond any photo or scan of a letter.
const LIMIT_INPUT_PIXELS = 100_000_000;
/** Images re-encoded at once by this process (each may hold a decoded picture in memory); others wait their turn. */
const MAX_AT_ONCE = 2;

let running = 0;
const waiting: (() => void)[] = [];

async function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Whether an image of this type is re-encoded (JPEG and PNG) or kept as uploaded (BMP). */
export const needsReEncoding = (mediaType: string) => mediaType === 'image/jpeg' || mediaType === 'image/png';

/**
 * Decodes a photo (JPEG or PNG) and encodes it afresh, so that nothing but the
 * pixels survives: no EXIF (GPS position, camera, time), XMP, IPTC or comments.
 * Photos are turned upright first, since their orientation was only in the EXIF.
 * The work runs in libvips's threads, never on the event loop, two images at a
 * time. A BMP is kept exactly as uploaded: the format has no place for EXIF or
 * GPS, and decoding it (libvips cannot) would take the event loop. Undefined when
 * the image cannot be decoded.
 */
export async function reEncodeImage(filePath: string, mediaType: string): Promise<ReEncoded | undefined> {
  try {
    return await oneAtATime(async () => {
      const image = sharp(filePath, { limitInputPixels: LIMIT_INPUT_PIXELS, failOn: 'error' }).autoOrient();
      const data = mediaType === 'image/png' ? await image.png().toBuffer() : await image.jpeg({ quality: 90 }).toBuffer();
      return { data, mediaType };
    });
  } catch {
    return undefined;
  }
}
