import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { decodeBmp } from './bmp.js';

export interface ReEncoded {
  data: Buffer;
  mediaType: string;
}

// Refuse decompression bombs: far beyond any photo or scan of a letter.
const LIMIT_INPUT_PIXELS = 100_000_000;

/**
 * Decodes an image and encodes it afresh, so that nothing but the pixels survives:
 * no EXIF (GPS position, camera, time), XMP, IPTC or comments. Photos are turned
 * upright first, since their orientation was only in the EXIF. A BMP becomes a PNG
 * (libvips cannot write BMP); a BMP kind we cannot decode is kept as it is, as the
 * format has no place for EXIF or GPS. Undefined when the image cannot be decoded.
 */
export async function reEncodeImage(filePath: string, mediaType: string): Promise<ReEncoded | undefined> {
  try {
    if (mediaType === 'image/bmp') {
      const bitmap = decodeBmp(await readFile(filePath));
      if (!bitmap) return { data: await readFile(filePath), mediaType };
      const data = await sharp(bitmap.data, { raw: { width: bitmap.width, height: bitmap.height, channels: bitmap.channels } }).png().toBuffer();
      return { data, mediaType: 'image/png' };
    }
    const image = sharp(filePath, { limitInputPixels: LIMIT_INPUT_PIXELS, failOn: 'error' }).autoOrient();
    const data = mediaType === 'image/png' ? await image.png().toBuffer() : await image.jpeg({ quality: 90 }).toBuffer();
    return { data, mediaType };
  } catch {
    return undefined;
  }
}
