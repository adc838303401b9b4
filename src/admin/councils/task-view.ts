import type { FormErrors } from '../../platform/http/forms.js';
import { t } from '../page.js';
import type { FieldSpec, FormValues } from './tasks/task.js';

/** A task form field as the generic task page shows it. */
export interface FieldView {
  kind: FieldSpec['kind'];
  id: string;
  name: string;
  label: string;
  hint?: string;
  lang?: string;
  value: string;
  rows?: number;
  width?: string;
  error?: string;
  options: { id: string; value: string; text: string; checked: boolean }[];
  isText: boolean;
  isTextarea: boolean;
  isChoice: boolean;
  isSelect: boolean;
  isHeading: boolean;
  inputType: string;
}

export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;

export function fieldViews(layout: FieldSpec[], values: FormValues, errors: FormErrors): FieldView[] {
  return layout.map((spec) => {
    const raw = values[spec.name];
    const selected = Array.isArray(raw) ? raw : raw ? [raw] : [];
    const id = fieldId(spec.name);
    const options = 'options' in spec ? spec.options.map((o, i) => ({ id: i === 0 ? id : `${id}-${i}`, value: o.value, text: t(o.text), checked: selected.includes(o.value) })) : [];
    return {
      kind: spec.kind,
      id,
      name: spec.name,
      label: t(spec.label, spec.labelValues ? { ...spec.labelValues, label: spec.labelValues.label ? t(String(spec.labelValues.label)) : undefined } : undefined),
      hint: 'hint' in spec && spec.hint ? t(spec.hint) : undefined,
      lang: 'lang' in spec ? spec.lang : undefined,
      value: Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? ''),
      rows: 'rows' in spec ? spec.rows : undefined,
      width: 'width' in spec ? spec.width : undefined,
      error: errors.byField[id],
      options,
      isText: ['text', 'number', 'colour', 'email'].includes(spec.kind),
      isTextarea: spec.kind === 'textarea',
      isChoice: spec.kind === 'radios' || spec.kind === 'checkboxes',
      isSelect: spec.kind === 'select',
      isHeading: spec.kind === 'heading',
      inputType: spec.kind === 'checkboxes' ? 'checkbox' : spec.kind === 'radios' ? 'radio' : spec.kind === 'email' ? 'email' : 'text',
    };
  });
}

/** Problems of a task as the GOV.UK error summary and the message by each field (keyed by field id). */
export function taskErrors(problems: { name: string; message: string; values?: Record<string, unknown> }[]): FormErrors {
  const errors: FormErrors = { list: [], byField: {} };
  for (const p of problems) {
    const id = fieldId(p.name);
    if (errors.byField[id]) continue;
    const text = t(p.message, p.values);
    errors.byField[id] = text;
    errors.list.push({ href: `#${id}`, text });
  }
  return errors;
}
