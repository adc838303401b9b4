import type { LocalisedText } from '../../../tenancy/schema.js';
import { localisedFields, localisedValues, read, type FieldProblem, type FormValues, type Task } from './task.js';

/** Two textareas (English lines, Welsh lines) as a list of texts, line by line. */
function pairedLines(form: FormValues, name: string, problems: FieldProblem[]): LocalisedText[] {
  const en = read.lines(form, `${name}.en`);
  const cy = read.lines(form, `${name}.cy`);
  if (cy.length && cy.length !== en.length) problems.push({ name: `${name}.cy`, message: 'admin.console.errors.linesDiffer', values: { en: en.length, cy: cy.length } });
  return en.map((text, i) => (cy[i] ? { en: text, cy: cy[i]! } : { en: text }));
}
const linesValues = (name: string, texts: LocalisedText[] | undefined): FormValues => ({
  [`${name}.en`]: (texts ?? []).map((t) => t.en).join('\n'),
  [`${name}.cy`]: (texts ?? []).map((t) => t.cy ?? '').join('\n'),
});

/** The home page: welcome, introduction, who the portal is for and what you can do. */
export const homeTask: Task = {
  id: 'home',
  fields: ['home'],
  layout: () => [
    ...localisedFields('welcome', 'admin.console.tasks.home.welcome'),
    ...localisedFields('intro', 'admin.console.tasks.home.introText', { textarea: true }),
    ...localisedFields('audienceHeading', 'admin.console.tasks.home.audienceHeading'),
    ...localisedFields('audience', 'admin.console.tasks.home.audience', { textarea: true, hint: 'admin.console.fields.oneALine' }),
    ...localisedFields('canDoHeading', 'admin.console.tasks.home.canDoHeading'),
    ...localisedFields('canDo', 'admin.console.tasks.home.canDo', { textarea: true, hint: 'admin.console.fields.oneALine' }),
  ],
  toForm: ({ draft }) => {
    const h = draft.home;
    return {
      ...localisedValues('welcome', h?.welcome),
      ...localisedValues('intro', h?.intro),
      ...localisedValues('audienceHeading', h?.audienceHeading),
      ...linesValues('audience', h?.audience),
      ...localisedValues('canDoHeading', h?.canDoHeading),
      ...linesValues('canDo', h?.canDo),
    };
  },
  fromForm: (form) => {
    const problems: FieldProblem[] = [];
    const intro = read.localised(form, 'intro');
    const home = {
      welcome: read.localised(form, 'welcome'),
      ...(intro.en ? { intro } : {}),
      audienceHeading: read.localised(form, 'audienceHeading'),
      audience: pairedLines(form, 'audience', problems),
      canDoHeading: read.localised(form, 'canDoHeading'),
      canDo: pairedLines(form, 'canDo', problems),
    };
    return { values: { home }, problems };
  },
};

/** "English | Welsh | /path" a line. */
function footerLinks(form: FormValues, problems: FieldProblem[]) {
  return read.lines(form, 'footerLinks').map((line) => {
    const parts = line.split('|').map((p) => p.trim());
    if (parts.length < 2 || parts.length > 3) problems.push({ name: 'footerLinks', message: 'admin.console.tasks.contact.footerLinksFormat', values: { line } });
    const href = parts[parts.length - 1] ?? '';
    const cy = parts.length === 3 ? parts[1] : undefined;
    return { text: cy ? { en: parts[0] ?? '', cy } : { en: parts[0] ?? '' }, href };
  });
}

/** Contact details, the sender of the council's emails, and the footer links. */
export const contactTask: Task = {
  id: 'contact',
  fields: ['contact', 'mail', 'footerLinks'],
  layout: () => [
    ...localisedFields('team', 'admin.console.tasks.contact.team'),
    { kind: 'email', name: 'email', label: 'admin.console.tasks.contact.email' },
    { kind: 'text', name: 'phone', label: 'admin.console.tasks.contact.phone', width: '20' },
    ...localisedFields('fromName', 'admin.console.tasks.contact.fromName'),
    { kind: 'email', name: 'fromAddress', label: 'admin.console.tasks.contact.fromAddress' },
    { kind: 'textarea', name: 'footerLinks', label: 'admin.console.tasks.contact.footerLinks', hint: 'admin.console.tasks.contact.footerLinksHint', rows: 7 },
  ],
  toForm: ({ draft }) => ({
    ...localisedValues('team', draft.contact?.team),
    email: draft.contact?.email ?? '',
    phone: draft.contact?.phone ?? '',
    ...localisedValues('fromName', draft.mail?.fromName),
    fromAddress: draft.mail?.fromAddress ?? '',
    footerLinks: (draft.footerLinks ?? []).map((l) => [l.text.en, ...(l.text.cy ? [l.text.cy] : []), l.href].join(' | ')).join('\n'),
  }),
  fromForm: (form) => {
    const problems: FieldProblem[] = [];
    const phone = read.text(form, 'phone');
    return {
      values: {
        contact: { team: read.localised(form, 'team'), email: read.text(form, 'email'), ...(phone ? { phone } : {}) },
        mail: { fromName: read.localised(form, 'fromName'), fromAddress: read.text(form, 'fromAddress') },
        footerLinks: footerLinks(form, problems),
      },
      problems,
    };
  },
};
