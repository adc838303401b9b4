import { z } from 'zod';
import { localisedText } from '../../tenancy/schema.js';
import { formText, type Texts } from '../texts.js';
import { common, isRecord, notAnswered } from './common.js';
import type { AnsweredQuestion } from './dispatch.js';
import { simpleAnswer, simpleQuestionSchema, type SimpleQuestion } from './simple.js';
import type { AnswerText, FieldValue, ItemValues, PostedForm, Problem, QuestionContext, QuestionType, SummaryList } from './type.js';

const schema = z
  .object({
    type: z.literal('group'),
    ...common,
    /** Each item's heading, numbered: "Contact 1", "Contact 2". */
    itemLabel: localisedText,
    min: z.number().int().min(0).max(20).default(1),
    max: z.number().int().min(1).max(50).default(10),
    fields: z
      .array(
        simpleQuestionSchema
          .refine((f) => !f.showIf, 'questions inside a group cannot have showIf')
          .refine((f) => !f.perPerson, 'questions inside a group cannot be per person'),
      )
      .min(1),
  })
  .strict()
  .refine((g) => g.max >= Math.max(g.min, 1), { message: 'max must be at least min', path: ['max'] });
export type GroupQuestion = z.infer<typeof schema>;

/** The name of a field in the page: "<group>-<n>-<field>". */
export const itemFieldName = (group: Pick<GroupQuestion, 'id'>, index: number, field: Pick<SimpleQuestion, 'id'>) => `${group.id}-${index}-${field.id}`;

/** How many items of a group the page had (its hidden "<group>-items" field), within the group's limits. */
export function itemCount(body: PostedForm, group: GroupQuestion): number {
  const count = Number.parseInt(String(body[`${group.id}-items`] ?? ''), 10);
  return Number.isFinite(count) ? Math.min(Math.max(count, 0), group.max) : Math.max(group.min, 1);
}

const fieldsOf = (group: GroupQuestion): [SimpleQuestion, AnsweredQuestion<FieldValue>][] => group.fields.map((f) => [f, simpleAnswer(f)]);
const started = (group: GroupQuestion, item: ItemValues) => fieldsOf(group).some(([f, answer]) => !answer.isEmpty(item[f.id]));
const numbered = (group: GroupQuestion, i: number, texts: Texts) => `${formText(group.itemLabel, texts)} ${i + 1}`;

/** Flattens any answer text into lines (a field of an item is one row). */
export function linesOf(text: AnswerText): string[] {
  if ('lines' in text) return text.lines;
  if ('rows' in text) return text.rows.flatMap((r) => r.lines);
  return text.lists.flatMap((l) => l.rows.flatMap((r) => r.lines));
}

function readItems(body: PostedForm, group: GroupQuestion, context: QuestionContext): ItemValues[] {
  return Array.from({ length: itemCount(body, group) }, (_, i) => Object.fromEntries(fieldsOf(group).map(([f, answer]) => [f.id, answer.read(body, itemFieldName(group, i, f), context)])));
}

function parseItems(stored: unknown, group: GroupQuestion): ItemValues[] | undefined {
  if (!Array.isArray(stored)) return undefined;
  return stored.filter(isRecord).map((item) =>
    Object.fromEntries(
      fieldsOf(group).flatMap(([f, answer]) => {
        const value = answer.parse(item[f.id]);
        return value === undefined ? [] : [[f.id, value]];
      }),
    ),
  );
}

/**
 * The first items a required group needs must be answered; any other item only
 * once it is started. Each field's message names the item: "Contact 2: Name".
 */
function validateItems(group: GroupQuestion, value: ItemValues[] | undefined, texts: Texts, label: string): Problem[] {
  const items = value ?? [];
  const needed = group.required ? Math.max(group.min, 1) : 0;
  const problems: Problem[] = [];
  items.forEach((item, i) => {
    if (!started(group, item) && i >= needed) return;
    for (const [f, answer] of fieldsOf(group)) {
      const prefix = `${i}-${f.id}`;
      for (const p of answer.validate(item[f.id], texts, `${numbered(group, i, texts)}: ${formText(f.label, texts)}`)) {
        problems.push({ text: p.text, part: p.part ? `${prefix}-${p.part}` : prefix, focus: p.focus ? `${prefix}-${p.focus}` : undefined });
      }
    }
  });
  if (items.length < needed) problems.push({ text: texts.t('forms.errors.groupTooFew', { label, count: needed }), part: 'add' });
  return problems;
}

function groupAnswer(group: GroupQuestion, value: ItemValues[] | undefined, texts: Texts): AnswerText {
  const items = (value ?? []).filter((item) => started(group, item));
  if (!items.length) return { lists: [{ heading: formText(group.label, texts), rows: [{ key: formText(group.itemLabel, texts), lines: linesOf(notAnswered(texts)) }] }] };
  return {
    lists: items.map(
      (item, i): SummaryList => ({
        heading: numbered(group, i, texts),
        rows: fieldsOf(group).map(([f, answer]) => ({ key: formText(f.label, texts), lines: linesOf(answer.summary(item[f.id], texts, { documents: [] })) })),
      }),
    ),
  };
}

/** Repeating items ("Add more" / "Remove"), e.g. each parent or carer the professional spoke to. */
export const group = {
  type: 'group',
  schema,
  inGroup: false,
  perPerson: false,
  stored: true,
  read: (body, _name, question, context) => readItems(body, question, context),
  parse: parseItems,
  isEmpty: (value) => value.length === 0,
  validate: validateItems,
  view(question, name, value, errors, texts, context) {
    const items = value ?? [];
    const count = Math.max(items.length, question.min, 1);
    const error = errors[`${name}-add`];
    return {
      kind: 'group',
      partial: 'forms/q-group',
      id: name,
      name,
      label: formText(question.label, texts),
      hint: question.hint ? formText(question.hint, texts) : undefined,
      error,
      group: {
        countName: `${name}-items`,
        count,
        items: Array.from({ length: count }, (_, i) => ({
          legend: numbered(question, i, texts),
          index: i,
          fields: fieldsOf(question).map(([f, answer]) => answer.view(itemFieldName(question, i, f), items[i]?.[f.id], errors, texts, context)),
          removeValue: `remove-${name}-${i}`,
          removeLabel: texts.t('forms.step.remove', { item: numbered(question, i, texts) }),
        })),
        canRemove: count > Math.max(question.min, 1),
        canAdd: count < question.max,
        addValue: `add-${name}`,
        addId: `${name}-add`,
      },
    };
  },
  summary: groupAnswer,
  pdf: groupAnswer,
} satisfies QuestionType<GroupQuestion, ItemValues[]>;
