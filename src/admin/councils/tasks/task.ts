import type { LibraryForm } from '../../deps.js';
import type { TenantConfig } from '../../../tenancy/schema.js';
import type { DraftConfig } from '../drafts.js';

/** What a submitted task form holds: a string per field (a list for checkboxes). */
export type FormValues = Record<string, string | string[]>;

interface Base {
  name: string;
  /** Locale keys (admin.console.…), with values for their placeholders. */
  label: string;
  labelValues?: Record<string, unknown>;
  hint?: string;
  /** For Welsh texts: the field's language. */
  lang?: 'cy';
}
export type FieldSpec =
  | (Base & { kind: 'text' | 'number' | 'colour' | 'email'; width?: string })
  | (Base & { kind: 'textarea'; rows?: number })
  | (Base & { kind: 'radios' | 'checkboxes' | 'select'; options: { value: string; text: string }[] })
  | { kind: 'heading'; name: string; label: string; labelValues?: Record<string, unknown> };

export interface TaskContext {
  draft: DraftConfig;
  library: LibraryForm[];
}

/** A problem with one field of the task's form, already worded. */
export interface FieldProblem {
  name: string;
  /** A locale key, with values for its placeholders. */
  message: string;
  values?: Record<string, unknown>;
}

export interface TaskResult {
  values: Partial<TenantConfig>;
  problems: FieldProblem[];
}

/** One task of the onboarding task list: the fields of the tenant schema it edits, its form, and how one becomes the other. */
export interface Task {
  id: string;
  /** The top-level fields of the tenant schema this task writes. */
  fields: (keyof TenantConfig)[];
  /** Whether the task applies to this council (SEND stages only with the SEND service). */
  applies?(draft: DraftConfig): boolean;
  layout(ctx: TaskContext): FieldSpec[];
  toForm(ctx: TaskContext): FormValues;
  fromForm(form: FormValues, ctx: TaskContext): TaskResult;
}

/** Reading a task form. */
export const read = {
  text(form: FormValues, name: string): string {
    const value = form[name];
    return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
  },
  list(form: FormValues, name: string): string[] {
    const value = form[name];
    return (Array.isArray(value) ? value : value ? [value] : []).map((v) => v.trim()).filter(Boolean);
  },
  lines(form: FormValues, name: string): string[] {
    return read
      .text(form, name)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  },
  /** English and, when given, Welsh. */
  localised(form: FormValues, name: string): { en: string; cy?: string } {
    const en = read.text(form, `${name}.en`);
    const cy = read.text(form, `${name}.cy`);
    return cy ? { en, cy } : { en };
  },
  /** A whole number, or NaN (the schema then says what is wrong). */
  number(form: FormValues, name: string): number {
    const text = read.text(form, name);
    return /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  },
};

export const bilingual = (draft: DraftConfig) => draft.languages?.includes('cy') ?? false;

/** Form values of a localised text. */
export const localisedValues = (name: string, text: { en: string; cy?: string } | undefined): FormValues => ({ [`${name}.en`]: text?.en ?? '', [`${name}.cy`]: text?.cy ?? '' });

/** An English field and a Welsh one below it; `label` is the locale key of what the text is. */
export function localisedFields(name: string, label: string, options: { textarea?: boolean; hint?: string } = {}): FieldSpec[] {
  const kind = options.textarea ? 'textarea' : 'text';
  return [
    { kind, name: `${name}.en`, label: 'admin.console.fields.inEnglish', labelValues: { label }, hint: options.hint },
    { kind, name: `${name}.cy`, label: 'admin.console.fields.inWelsh', labelValues: { label }, hint: 'admin.console.fields.welshHint', lang: 'cy' },
  ];
}
