import type { FormErrors } from '../platform/http/forms.js';
import { answerLookup, isShown, stepContext, type Answers, type StepContext, type StepValues } from './answers.js';
import type { FormDefinition, QuestionsStep } from './definition.js';
import { answerParts, perPersonView, type AnswerForAction } from './per-person.js';
import { answerOf, isPerPerson, type Question } from './questions/index.js';
import type { QuestionView } from './questions/type.js';
import type { Texts } from './texts.js';

export { countAttributes } from './questions/count.js';
export type { QuestionView, OptionView } from './questions/type.js';

/** What showing a step needs besides its values: people and looked-up addresses, and the notice of a separate / include. */
export interface ShowOptions {
  context?: StepContext;
  answerFor?: AnswerForAction;
}

/**
 * The questions of a step as the page shows them, each drawn by its type's
 * module: questions that depend on a choice on the same page sit inside that
 * choice (revealed by it); those that depend on another step, or on several
 * answers, appear only when the answers saved call for them. Documents (which
 * post their own forms) come apart in `files`.
 */
export function stepQuestions(
  form: FormDefinition,
  step: QuestionsStep,
  values: StepValues,
  answers: Answers,
  errors: FormErrors,
  texts: Texts,
  options: ShowOptions = {},
): { questions: QuestionView[]; files: QuestionView[] } {
  const lookup = answerLookup(form, answers, { stepId: step.id, values });
  const context = options.context ?? stepContext(form, answers);
  const people = lookup.people;
  // A choice on this page reveals what depends on it, unless its answer is split between people.
  const revealing = new Set(
    step.questions.filter((q) => answerOf(q).reveals && (!isPerPerson(q) || answerParts(q, values[q.id], people).every((p) => !p.person))).map((q) => q.id),
  );
  const revealedBy = (q: Question) => {
    const c = q.showIf;
    return c && 'question' in c && !('notEmpty' in c) && revealing.has(c.question) ? { question: c.question, value: 'equals' in c ? c.equals : c.includes } : undefined;
  };
  const nest = (q: Question, shown: QuestionView | undefined) => {
    for (const option of shown?.options ?? []) {
      const dependants = step.questions.filter((d) => revealedBy(d)?.question === q.id && revealedBy(d)?.value === option.value);
      if (!dependants.length) continue;
      option.conditional = [...(option.conditional ?? []), ...dependants.map(view)];
      option.conditionalId = `conditional-${option.id}`;
    }
  };
  const view = (q: Question): QuestionView => {
    if (isPerPerson(q)) {
      const shown = perPersonView(q, values[q.id], people, errors.byField, texts, context, options.answerFor);
      nest(q, shown.sharedView);
      return shown;
    }
    const shown = answerOf(q).view(q.id, values[q.id], errors.byField, texts, context);
    nest(q, shown);
    return shown;
  };
  const top = step.questions.filter((q) => !revealedBy(q) && isShown(q, lookup));
  return { questions: top.filter((q) => !answerOf(q).ownForm).map(view), files: top.filter((q) => answerOf(q).ownForm).map(view) };
}
