import sanitizeHtml from 'sanitize-html';
import sharp from 'sharp';

/** The largest logo accepted, before cleaning. */
export const MAX_LOGO_BYTES = 200 * 1024;

const SVG_TAGS = [
  'svg', 'g', 'defs', 'title', 'desc', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan',
  'lineargradient', 'radialgradient', 'stop', 'clippath', 'mask', 'symbol', 'use',
];
const SVG_ATTRIBUTES = [
  'xmlns', 'viewbox', 'width', 'height', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'd', 'points', 'transform',
  'fill', 'fill-rule', 'fill-opacity', 'clip-rule', 'clip-path', 'mask', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'stroke-opacity',
  'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'letter-spacing', 'dominant-baseline', 'offset', 'stop-color', 'stop-opacity',
  'gradientunits', 'gradienttransform', 'preserveaspectratio', 'role', 'aria-label', 'aria-labelledby', 'id', 'href', 'xlink:href', 'version',
];

/** Only references inside the document (#id, url(#id)) may remain: nothing is fetched from elsewhere. */
const localReference = (value: string) => value.trim().startsWith('#');
const externalUrl = /url\s*\(\s*['"]?\s*(?!#)/i;

export class LogoError extends Error {
  constructor(readonly reason: 'type' | 'size' | 'unreadable' | 'empty') {
    super(reason);
  }
}

/**
 * An SVG through a strict allow-list (sanitize-html in XML mode): no script, no
 * event handler, no foreignObject, no style element, no reference outside the
 * document. What remains is drawing only.
 */
export function cleanSvg(input: string): string {
  const clean = sanitizeHtml(input, {
    allowedTags: SVG_TAGS,
    allowedAttributes: { '*': SVG_ATTRIBUTES },
    allowedSchemes: [],
    allowedSchemesAppliedToAttributes: [],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'foreignobject', 'textarea', 'noscript', 'iframe'],
    parser: { xmlMode: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
    exclusiveFilter: (frame) => frame.tag === 'use' && !localReference(frame.attribs.href ?? frame.attribs['xlink:href'] ?? ''),
    transformTags: {
      '*': (tagName, attribs) => {
        const kept: Record<string, string> = {};
        for (const [name, value] of Object.entries(attribs)) {
          if ((name === 'href' || name === 'xlink:href') && !localReference(value)) continue;
          if (externalUrl.test(value)) continue;
          kept[name] = value;
        }
        return { tagName, attribs: kept };
      },
    },
  });
  // sanitize-html lower-cases names in XML mode; SVG needs viewBox and the gradient names in their own case.
  return clean
    .replace(/\bviewbox=/g, 'viewBox=')
    .replace(/\bpreserveaspectratio=/g, 'preserveAspectRatio=')
    .replace(/\bgradientunits=/g, 'gradientUnits=')
    .replace(/\bgradienttransform=/g, 'gradientTransform=')
    .replace(/<(\/?)lineargradient\b/g, '<$1linearGradient')
    .replace(/<(\/?)radialgradient\b/g, '<$1radialGradient')
    .replace(/<(\/?)clippath\b/g, '<$1clipPath');
}

/** An uploaded logo, cleaned: SVG sanitised, PNG and JPEG re-encoded by sharp (no metadata, nothing hidden). */
export async function cleanLogo(bytes: Buffer): Promise<{ bytes: Buffer; contentType: string; fileName: 'logo.svg' | 'logo.png' }> {
  if (!bytes.length) throw new LogoError('empty');
  if (bytes.length > MAX_LOGO_BYTES) throw new LogoError('size');
  const head = bytes.subarray(0, 512).toString('utf8').trimStart();
  if (head.startsWith('<?xml') || head.startsWith('<svg') || head.startsWith('<!--')) {
    const svg = cleanSvg(bytes.toString('utf8'));
    if (!/^\s*<svg\b/.test(svg)) throw new LogoError('unreadable');
    return { bytes: Buffer.from(svg), contentType: 'image/svg+xml', fileName: 'logo.svg' };
  }
  const isPng = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (!isPng && !isJpeg) throw new LogoError('type');
  try {
    const png = await sharp(bytes, { limitInputPixels: 4096 * 4096 }).resize({ height: 160, withoutEnlargement: true }).png().toBuffer();
    return { bytes: png, contentType: 'image/png', fileName: 'logo.png' };
  } catch {
    throw new LogoError('unreadable');
  }
}
