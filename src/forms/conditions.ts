import { z } from 'zod';

/**
 * When a question applies ("showIf"). The grammar:
 *
 *   Condition = { question: id, equals: value }      a radios / select / yesNo / autocomplete answer is this option
 *             | { question: id, includes: value }    a checkboxes answer includes this option
 *             | { question: id, notEmpty: true }     anything at all was answered (text, dates, addresses, …)
 *             | { all: Condition[] }                 every one holds
 *             | { any: Condition[] }                 at least one holds
 *
 * `all` / `any` nest at most MAX_NESTING levels deep. A question that does not
 * apply has no answer, so whatever depends on it does not apply either (chained
 * hiding). A per-person question's condition holds when it holds for anyone's answer.
 */

export type LeafCondition = { question: string; equals: string } | { question: string; includes: string } | { question: string; notEmpty: true };
export type Condition = LeafCondition | { all: Condition[] } | { any: Condition[] };

export const MAX_NESTING = 3;

const tooDeep = z.custom<Condition>(() => false, `conditions nest at most ${MAX_NESTING} levels deep`);

function level(depth: number): z.ZodType<Condition> {
  const inner = depth > 0 ? level(depth - 1) : tooDeep;
  return z
    .object({
      question: z.string().min(1).optional(),
      equals: z.string().min(1).optional(),
      includes: z.string().min(1).optional(),
      notEmpty: z.literal(true).optional(),
      all: z.array(inner).min(1).optional(),
      any: z.array(inner).min(1).optional(),
    })
    .strict()
    .superRefine((c, ctx) => {
      const tests = [c.equals, c.includes, c.notEmpty].filter((v) => v !== undefined).length;
      const groups = [c.all, c.any].filter((v) => v !== undefined).length;
      if (groups > 1 || (groups === 1 && (tests > 0 || c.question !== undefined))) ctx.addIssue({ code: 'custom', message: 'all or any stands alone: put each test inside it' });
      else if (groups === 0 && c.question === undefined) ctx.addIssue({ code: 'custom', message: 'needs the question it depends on (or all / any)' });
      else if (groups === 0 && tests !== 1) ctx.addIssue({ code: 'custom', message: 'needs exactly one of equals, includes or notEmpty' });
    })
    .transform((c): Condition => {
      if (c.all) return { all: c.all };
      if (c.any) return { any: c.any };
      const question = c.question ?? '';
      if (c.equals !== undefined) return { question, equals: c.equals };
      if (c.includes !== undefined) return { question, includes: c.includes };
      return { question, notEmpty: true };
    });
}

/** The showIf schema of a question. */
export const condition = level(MAX_NESTING);

/** What a condition can learn of one answer (a per-person question has one per answer given). */
export interface AnswerFacts {
  /** The options chosen (choice questions). */
  chosen: string[];
  empty: boolean;
}

/** The answers of a question, for conditions; empty when it has none or does not apply. */
export type FactsLookup = (questionId: string) => AnswerFacts[];

/** Whether a condition holds, given the facts of the answers it names. */
export function conditionMet(condition: Condition, facts: FactsLookup): boolean {
  if ('all' in condition) return condition.all.every((c) => conditionMet(c, facts));
  if ('any' in condition) return condition.any.some((c) => conditionMet(c, facts));
  const answers = facts(condition.question);
  if ('notEmpty' in condition) return answers.some((a) => !a.empty);
  const wanted = 'equals' in condition ? condition.equals : condition.includes;
  return answers.some((a) => a.chosen.includes(wanted));
}

/** The questions a condition names. */
export function questionsNamed(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(questionsNamed);
  if ('any' in condition) return condition.any.flatMap(questionsNamed);
  return [condition.question];
}

/** What the definition check needs to know of a question a condition names. */
export interface ConditionTarget {
  id: string;
  /** Whether it stores an answer at all (content and documents do not). */
  answered: boolean;
  choices?: { multiple: boolean; values: string[] };
}

export interface ConditionIssue {
  path: (string | number)[];
  message: string;
}

/**
 * The problems of a condition in a definition: questions that do not exist,
 * values that are not options, includes on a single choice and equals on a multiple one.
 */
export function checkCondition(condition: Condition, target: (id: string) => ConditionTarget | undefined, path: (string | number)[] = []): ConditionIssue[] {
  if ('all' in condition) return condition.all.flatMap((c, i) => checkCondition(c, target, [...path, 'all', i]));
  if ('any' in condition) return condition.any.flatMap((c, i) => checkCondition(c, target, [...path, 'any', i]));
  const found = target(condition.question);
  if ('notEmpty' in condition) {
    if (!found) return [{ path, message: `"${condition.question}" is not a question of this form` }];
    return found.answered ? [] : [{ path, message: `"${condition.question}" has no answer to test` }];
  }
  if (!found?.choices) return [{ path, message: `"${condition.question}" is not a radios, checkboxes or select question of this form` }];
  const value = 'equals' in condition ? condition.equals : condition.includes;
  const issues: ConditionIssue[] = [];
  if (!found.choices.values.includes(value)) issues.push({ path, message: `"${value}" is not an option of "${found.id}"` });
  if ('includes' in condition && !found.choices.multiple) issues.push({ path, message: 'includes is for checkboxes; use equals' });
  if ('equals' in condition && found.choices.multiple) issues.push({ path, message: 'equals is for radios and select; use includes' });
  return issues;
}

/** The ids of questions whose conditions depend, directly or through others, on themselves. */
export function circularConditions(conditions: Map<string, Condition>): string[] {
  const circular: string[] = [];
  for (const start of conditions.keys()) {
    const seen = new Set<string>();
    const stack = [...questionsNamed(conditions.get(start)!)];
    while (stack.length) {
      const id = stack.pop()!;
      if (id === start) {
        circular.push(start);
        break;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      const next = conditions.get(id);
      if (next) stack.push(...questionsNamed(next));
    }
  }
  return circular;
}
