import type Koa from 'koa';
import type { UploadFeedback } from '../access/session.js';
import { addError, noErrors, type FormErrors } from '../platform/http/forms.js';
import { describeUploads, type Description, type ListedUpload } from './present.js';
import { MAX_DESCRIPTION, OTHER_DESCRIPTION, type UploadField, type UploadValues } from './fields.js';
import type { UploadRow } from './service.js';

/** What the last upload or delete on a question did, kept in the session across the redirect. */
export type { UploadFeedback } from '../access/session.js';

export function rememberFeedback(ctx: Koa.Context, feedback: UploadFeedback): void {
  ctx.session!.uploadFeedback = feedback;
}

/** The feedback for this question, once: it is gone after being shown. */
export function takeFeedback(ctx: Koa.Context, responseId: string, questionId: string): UploadFeedback | undefined {
  const feedback = ctx.session?.uploadFeedback;
  if (!feedback || feedback.responseId !== responseId || feedback.questionId !== questionId) return undefined;
  delete ctx.session!.uploadFeedback;
  return feedback;
}

export interface FileQuestionInput {
  responseId: string;
  questionId: string;
  uploads: UploadRow[];
  /** The description list; empty for a question that asks only for a free-text description. */
  descriptions: Description[];
  /** Where to come back to after an upload or delete: this page's path. */
  back: string;
}

export interface FileQuestionLocals {
  responseId: string;
  questionId: string;
  uploads: ListedUpload[];
  descriptions: (Description & { selected: boolean })[];
  back: string;
  csrfToken?: string;
  otherValue: string;
  maxDescription: number;
  values: UploadValues;
  /** For the page's error summary (links to this question's fields) and the messages next to them. */
  errors: FormErrors;
  /** Set after a successful upload or delete: the notification to show. */
  notice?: string;
}

/**
 * Everything the partial `uploads/file-question` shows for one file question,
 * with the result of the last upload or delete (errors, what was typed, a notice)
 * taken from the session. Add `errors.list` to the page's own error summary and
 * pass `pageShowsErrors=true`, or let the partial show its own summary.
 */
export function fileQuestionView(ctx: Koa.Context, input: FileQuestionInput): FileQuestionLocals {
  const feedback = takeFeedback(ctx, input.responseId, input.questionId);
  const values = feedback?.values ?? { description: '', otherDescription: '' };
  const errors = noErrors();
  const ids: Record<UploadField, string> = {
    file: `${input.questionId}-file`,
    description: `${input.questionId}-description`,
    otherDescription: `${input.questionId}-otherDescription`,
  };
  // In the order the fields are on the page.
  for (const field of ['description', 'otherDescription', 'file'] as const) {
    const key = feedback?.errors?.[field];
    if (key) addError(errors, ctx, ids[field], key);
  }
  const t = ctx.state.t;
  let notice: string | undefined;
  if (feedback?.uploaded) notice = t(feedback.uploaded.status === 'clean' ? 'uploads.notices.uploaded' : 'uploads.notices.waiting', { fileName: feedback.uploaded.fileName });
  else if (feedback?.deleted) notice = t('uploads.notices.deleted', { fileName: feedback.deleted });
  return {
    responseId: input.responseId,
    questionId: input.questionId,
    uploads: describeUploads(input.uploads, input.descriptions),
    descriptions: input.descriptions.map((d) => ({ ...d, selected: d.value === values.description })),
    back: input.back,
    csrfToken: ctx.state.csrfToken,
    otherValue: OTHER_DESCRIPTION,
    maxDescription: MAX_DESCRIPTION,
    values,
    errors,
    notice,
  };
}
