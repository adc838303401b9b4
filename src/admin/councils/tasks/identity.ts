import { bilingual, localisedFields, localisedValues, read, type Task } from './task.js';

/** Council name and portal name (English, and Welsh for a bilingual council). The slug is chosen when the council is created. */
export const identityTask: Task = {
  id: 'identity',
  fields: ['name', 'portalName'],
  layout: () => [...localisedFields('name', 'admin.console.tasks.identity.name'), ...localisedFields('portalName', 'admin.console.tasks.identity.portalName')],
  toForm: ({ draft }) => ({ ...localisedValues('name', draft.name), ...localisedValues('portalName', draft.portalName) }),
  fromForm: (form) => ({ values: { name: read.localised(form, 'name'), portalName: read.localised(form, 'portalName') }, problems: [] }),
};

/** Host names, one a line; the development name <slug>.localhost is always added, first (as in the files). */
export const hostnamesTask: Task = {
  id: 'hostnames',
  fields: ['hostnames'],
  layout: () => [{ kind: 'textarea', name: 'hostnames', label: 'admin.console.tasks.hostnames.hostnames', hint: 'admin.console.tasks.hostnames.hostnamesHint', rows: 4 }],
  toForm: ({ draft }) => ({ hostnames: (draft.hostnames ?? []).filter((h) => h !== `${draft.slug}.localhost`).join('\n') }),
  fromForm: (form, { draft }) => {
    const typed = read.lines(form, 'hostnames').map((h) => h.toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, ''));
    const dev = `${draft.slug}.localhost`;
    return { values: { hostnames: [...new Set([dev, ...typed])] }, problems: [] };
  },
};

/** English only, or English and Welsh. */
export const languagesTask: Task = {
  id: 'languages',
  fields: ['languages'],
  layout: () => [
    {
      kind: 'radios',
      name: 'languages',
      label: 'admin.console.tasks.languages.languages',
      options: [
        { value: 'en', text: 'admin.console.tasks.languages.english' },
        { value: 'en,cy', text: 'admin.console.tasks.languages.bilingual' },
      ],
    },
  ],
  toForm: ({ draft }) => ({ languages: draft.languages ? (bilingual(draft) ? 'en,cy' : 'en') : '' }),
  fromForm: (form) => {
    const choice = read.text(form, 'languages');
    if (choice !== 'en' && choice !== 'en,cy') return { values: {}, problems: [{ name: 'languages', message: 'admin.console.tasks.languages.missing' }] };
    return { values: { languages: choice === 'en' ? ['en'] : ['en', 'cy'] }, problems: [] };
  },
};
