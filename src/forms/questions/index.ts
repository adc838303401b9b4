import { z } from 'zod';
import { address, type AddressQuestion } from './address.js';
import { bindQuestion, type AnsweredQuestion, type Registry } from './dispatch.js';
import { file, type FileQuestion } from './file.js';
import { group, type GroupQuestion } from './group.js';
import { notice, type NoticeQuestion } from './notice.js';
import { SIMPLE_TYPES, simpleQuestionSchema, type SimpleTypes } from './simple.js';
import type { ItemValues, AddressValue } from './type.js';

/**
 * The registry of question types: type name → module. The definition schema's
 * question union is built from it and every part of the engine reaches a type
 * through `answerOf`. Types that may also be fields of a repeating group are
 * registered in simple.ts.
 */
export type QuestionTypes = SimpleTypes & {
  address: [AddressQuestion, AddressValue];
  notice: [NoticeQuestion, undefined];
  group: [GroupQuestion, ItemValues[]];
  file: [FileQuestion, undefined];
};

export const QUESTION_TYPES: Registry<QuestionTypes> = { ...SIMPLE_TYPES, address, notice, group, file };

export const questionSchema = z.discriminatedUnion('type', [...simpleQuestionSchema.options, address.schema, notice.schema, group.schema, file.schema]);

export type Question = QuestionTypes[keyof QuestionTypes][0];
export type QuestionKind = keyof QuestionTypes;

/** A question bound to its type's module. */
export const answerOf = (question: Question): AnsweredQuestion => bindQuestion(QUESTION_TYPES, question.type, question);

/** Whether a question is asked per person (and its type allows it). */
export const isPerPerson = (question: Question): boolean => 'perPerson' in question && question.perPerson === true && answerOf(question).perPerson;

export type { AnsweredQuestion } from './dispatch.js';
export type { SimpleQuestion } from './simple.js';
export type { GroupQuestion } from './group.js';
export type { FileQuestion } from './file.js';
