import type { EnabledForm, ServiceName, SendStage } from '../../../tenancy/schema.js';
import { read, type FieldProblem, type FieldSpec, type Task } from './task.js';

const SERVICES: ServiceName[] = ['send', 'socialCare', 'earlyHelp'];
const STAGES: SendStage[] = ['request', 'assessment', 'plan', 'review'];

/** The services the council runs and the forms it uses from the library (with the SEND stage and who may start each). */
export const servicesTask: Task = {
  id: 'services',
  fields: ['services', 'forms'],
  layout: ({ library }) => [
    { kind: 'checkboxes', name: 'services', label: 'admin.console.tasks.services.services', options: SERVICES.map((s) => ({ value: s, text: `admin.console.services.${s}` })) },
    ...library.flatMap((form): FieldSpec[] => [
      { kind: 'heading', name: `form.${form.id}`, label: 'admin.console.tasks.services.form', labelValues: { title: form.title.en, service: form.service } },
      { kind: 'checkboxes', name: `form.${form.id}.use`, label: 'admin.console.tasks.services.use', labelValues: { title: form.title.en }, options: [{ value: 'yes', text: 'admin.console.tasks.services.useOption' }] },
      ...(form.service === 'send'
        ? [{ kind: 'select' as const, name: `form.${form.id}.stage`, label: 'admin.console.tasks.services.stage', options: [{ value: '', text: 'admin.console.tasks.services.noStage' }, ...STAGES.map((s) => ({ value: s, text: `admin.console.stages.${s}` }))] }]
        : []),
      {
        kind: 'radios',
        name: `form.${form.id}.start`,
        label: 'admin.console.tasks.services.start',
        options: [
          { value: 'professional', text: 'admin.console.tasks.services.startProfessional' },
          { value: 'onRequest', text: 'admin.console.tasks.services.startOnRequest' },
        ],
      },
    ]),
  ],
  toForm: ({ draft, library }) => {
    const values: Record<string, string | string[]> = { services: draft.services ?? [] };
    for (const form of library) {
      const enabled = draft.forms?.find((f) => f.form === form.id);
      values[`form.${form.id}.use`] = enabled ? ['yes'] : [];
      values[`form.${form.id}.stage`] = enabled?.stage ?? '';
      values[`form.${form.id}.start`] = enabled?.start ?? 'professional';
    }
    return values;
  },
  fromForm: (form, { library }) => {
    const services = read.list(form, 'services').filter((s): s is ServiceName => (SERVICES as string[]).includes(s));
    const problems: FieldProblem[] = [];
    if (!services.length) problems.push({ name: 'services', message: 'admin.console.tasks.services.servicesMissing' });
    const forms: EnabledForm[] = [];
    for (const libraryForm of library) {
      if (!read.list(form, `form.${libraryForm.id}.use`).includes('yes')) continue;
      const stage = read.text(form, `form.${libraryForm.id}.stage`);
      const start = read.text(form, `form.${libraryForm.id}.start`) === 'onRequest' ? 'onRequest' : 'professional';
      if (!services.includes(libraryForm.service)) problems.push({ name: `form.${libraryForm.id}.use`, message: 'admin.console.tasks.services.formService', values: { title: libraryForm.title.en } });
      if (libraryForm.service === 'send' && !(STAGES as string[]).includes(stage)) problems.push({ name: `form.${libraryForm.id}.stage`, message: 'admin.console.tasks.services.stageMissing', values: { title: libraryForm.title.en } });
      const sendStage = STAGES.find((s) => s === stage);
      forms.push({ form: libraryForm.id, service: libraryForm.service, ...(sendStage ? { stage: sendStage } : {}), start });
    }
    return { values: { services, forms }, problems };
  },
};
