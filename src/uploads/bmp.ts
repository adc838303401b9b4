/**
 * A small decoder for Windows bitmaps (sharp's libvips cannot read BMP), so that a
 * BMP can be re-encoded as a PNG without whatever else the file carried.
 * Handles uncompressed 1/4/8/16/24/32-bit bitmaps and bit-field masks, which is
 * what scanners and Paint write; returns undefined for anything else (RLE, embedded JPEG/PNG).
 */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 4;
}

const MAX_PIXELS = 25_000_000;

function maskShift(mask: number): { shift: number; max: number } {
  if (!mask) return { shift: 0, max: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  return { shift, max: mask >>> shift };
}

export function decodeBmp(file: Buffer): RawImage | undefined {
  if (file.length < 26 || file.toString('latin1', 0, 2) !== 'BM') return undefined;
  const offset = file.readUInt32LE(10);
  const headerSize = file.readUInt32LE(14);
  const core = headerSize === 12;
  if (!core && headerSize < 40) return undefined;
  if (file.length < 14 + headerSize) return undefined;
  const width = core ? file.readUInt16LE(18) : file.readInt32LE(18);
  const rawHeight = core ? file.readInt16LE(20) : file.readInt32LE(22);
  const bpp = file.readUInt16LE(core ? 24 : 28);
  const compression = core ? 0 : file.readUInt32LE(30);
  const height = Math.abs(rawHeight);
  const topDown = rawHeight < 0;
  if (width <= 0 || height <= 0 || width * height > MAX_PIXELS) return undefined;
  if (![1, 4, 8, 16, 24, 32].includes(bpp) || !(compression === 0 || (compression === 3 && (bpp === 16 || bpp === 32)))) return undefined;

  const rowSize = Math.ceil((width * bpp) / 32) * 4;
  if (offset + rowSize * height > file.length) return undefined;

  // Colour table for 1/4/8-bit bitmaps: BGR(A) entries after the header.
  let palette: number[][] = [];
  if (bpp <= 8) {
    const entrySize = core ? 3 : 4;
    const used = core ? 0 : file.readUInt32LE(46);
    const count = used || 1 << bpp;
    const start = 14 + headerSize;
    if (start + count * entrySize > offset) return undefined;
    palette = Array.from({ length: count }, (_, i) => {
      const p = start + i * entrySize;
      return [file[p + 2]!, file[p + 1]!, file[p]!];
    });
  }

  // Bit fields: in the header (V4/V5) or just after a 40-byte header.
  let masks = bpp === 16 ? [0x7c00, 0x03e0, 0x001f, 0] : [0x00ff0000, 0x0000ff00, 0x000000ff, 0];
  if (compression === 3) {
    const at = 14 + 40;
    if (file.length < at + 12) return undefined;
    masks = [file.readUInt32LE(at), file.readUInt32LE(at + 4), file.readUInt32LE(at + 8), headerSize >= 56 ? file.readUInt32LE(at + 12) : 0];
  }
  const fields = masks.map(maskShift);
  const useAlpha = compression === 3 && masks[3] !== 0;

  const out = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = offset + (topDown ? y : height - 1 - y) * rowSize;
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      let rgba: number[];
      if (bpp <= 8) {
        const bit = x * bpp;
        const index = (file[row + (bit >> 3)]! >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
        rgba = [...(palette[index] ?? [0, 0, 0]), 255];
      } else if (bpp === 24) {
        const p = row + x * 3;
        rgba = [file[p + 2]!, file[p + 1]!, file[p]!, 255];
      } else {
        const value = bpp === 16 ? file.readUInt16LE(row + x * 2) : file.readUInt32LE(row + x * 4);
        rgba = fields.map(({ shift, max }, i) => (max ? Math.round((((value >>> 0) >>> shift) & max) * (255 / max)) : i === 3 ? 255 : 0));
        if (!useAlpha) rgba[3] = 255;
      }
      out[o] = rgba[0]!;
      out[o + 1] = rgba[1]!;
      out[o + 2] = rgba[2]!;
      out[o + 3] = rgba[3]!;
    }
  }
  return { data: out, width, height, channels: 4 };
}
