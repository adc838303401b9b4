import type { SendStage } from '../../../tenancy/schema.js';
import { localisedFields, localisedValues, read, type FieldProblem, type Task } from './task.js';

const STAGES: SendStage[] = ['request', 'assessment', 'plan', 'review'];

/** For SEND: what happens at each stage of the statutory process, and the key dates the council tracks ("id | stage | English | Welsh" a line). */
export const sendTask: Task = {
  id: 'send',
  fields: ['send'],
  applies: (draft) => draft.services?.includes('send') ?? false,
  layout: () => [
    ...STAGES.flatMap((s) => localisedFields(`stage.${s}`, `admin.console.stages.${s}`, { textarea: true })),
    { kind: 'textarea', name: 'keyDates', label: 'admin.console.tasks.send.keyDates', hint: 'admin.console.tasks.send.keyDatesHint', rows: 9 },
  ],
  toForm: ({ draft }) => ({
    ...Object.assign({}, ...STAGES.map((s) => localisedValues(`stage.${s}`, draft.send?.stages[s]?.whatHappensNow))),
    keyDates: (draft.send?.keyDates ?? []).map((k) => [k.id, k.stage, k.label.en, ...(k.label.cy ? [k.label.cy] : [])].join(' | ')).join('\n'),
  }),
  fromForm: (form) => {
    const problems: FieldProblem[] = [];
    const stage = (s: SendStage) => ({ whatHappensNow: read.localised(form, `stage.${s}`) });
    const stages = { request: stage('request'), assessment: stage('assessment'), plan: stage('plan'), review: stage('review') };
    const keyDates = read.lines(form, 'keyDates').map((line) => {
      const [id = '', stage = '', en = '', cy] = line.split('|').map((p) => p.trim());
      const known = STAGES.find((s) => s === stage);
      if (!known || !/^[a-zA-Z]+$/.test(id) || !en) problems.push({ name: 'keyDates', message: 'admin.console.tasks.send.keyDatesFormat', values: { line } });
      return { id, stage: known ?? 'request', label: cy ? { en, cy } : { en } };
    });
    return { values: { send: { stages, keyDates } }, problems };
  },
};
