import { contrastRatio, MIN_CONTRAST, shownRatio } from '../contrast.js';
import { read, type FieldProblem, type FieldSpec, type Task } from './task.js';

const COLOURS = ['header', 'headerText', 'primary', 'link', 'footer', 'footerText'] as const;
const COLOUR = /^#[0-9a-fA-F]{6}$/;

/** The pairs that must reach 4.5:1: text on the header, links and buttons on white, footer text on the footer. */
const PAIRS: { fg: (typeof COLOURS)[number]; bg: (typeof COLOURS)[number] | 'white'; message: string }[] = [
  { fg: 'headerText', bg: 'header', message: 'admin.console.tasks.branding.contrastHeader' },
  { fg: 'link', bg: 'white', message: 'admin.console.tasks.branding.contrastLink' },
  { fg: 'primary', bg: 'white', message: 'admin.console.tasks.branding.contrastButton' },
  { fg: 'footerText', bg: 'footer', message: 'admin.console.tasks.branding.contrastFooter' },
];

/** The six brand colours, refused with the ratio shown when a pair is under 4.5:1. The logo has its own upload form on the page. */
export const brandingTask: Task = {
  id: 'branding',
  fields: ['brand'],
  layout: () => COLOURS.map((c): FieldSpec => ({ kind: 'colour', name: `colours.${c}`, label: `admin.console.tasks.branding.${c}`, hint: 'admin.console.tasks.branding.colourHint', width: '10' })),
  toForm: ({ draft }) => Object.fromEntries(COLOURS.map((c) => [`colours.${c}`, draft.brand?.colours[c] ?? ''])),
  fromForm: (form, { draft }) => {
    const colours = Object.fromEntries(COLOURS.map((c) => [c, read.text(form, `colours.${c}`).toLowerCase()])) as Record<(typeof COLOURS)[number], string>;
    const problems: FieldProblem[] = [];
    for (const c of COLOURS) if (!COLOUR.test(colours[c])) problems.push({ name: `colours.${c}`, message: 'admin.console.tasks.branding.colourFormat' });
    if (!problems.length) {
      for (const pair of PAIRS) {
        const ratio = contrastRatio(colours[pair.fg], pair.bg === 'white' ? '#ffffff' : colours[pair.bg]);
        if (ratio < MIN_CONTRAST) problems.push({ name: `colours.${pair.fg}`, message: pair.message, values: { ratio: shownRatio(ratio), minimum: MIN_CONTRAST } });
      }
    }
    return { values: { brand: { ...(draft.brand?.logo ? { logo: draft.brand.logo } : {}), colours } }, problems };
  },
};
