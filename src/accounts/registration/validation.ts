import type Koa from 'koa';
import { addError, type FormErrors } from '../../platform/http/forms.js';
import { brokenRules, policyRules } from '../passwords.js';
import type { Tenant } from '../../tenancy/schema.js';

/** Checks shared by the registration pages. Messages are keys in locales/<lang>/registration.json. */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/;

export function checkEmail(ctx: Koa.Context, errors: FormErrors, email: string, field = 'email'): void {
  if (!email) addError(errors, ctx, field, 'registration.errors.emailMissing');
  else if (email.length > 254) addError(errors, ctx, field, 'registration.errors.emailTooLong');
  else if (!EMAIL.test(email)) addError(errors, ctx, field, 'registration.errors.emailFormat');
}

/** A required short text, e.g. a name. */
export function checkText(ctx: Koa.Context, errors: FormErrors, field: string, value: string, max: number): void {
  if (!value) addError(errors, ctx, field, `registration.errors.${field}Missing`);
  else if (value.length > max) addError(errors, ctx, field, `registration.errors.${field}TooLong`, { max });
}

/**
 * The password against the council's policy: one message per broken rule, each
 * naming the rule, all linked to the password field. The field itself shows them all.
 */
export function checkNewPassword(ctx: Koa.Context, errors: FormErrors, tenant: Tenant, password: string, confirm: string, email: string): string[] {
  const messages: string[] = [];
  const add = (key: string, values: Record<string, unknown> = {}) => {
    const text = ctx.state.t(key, values) as string;
    messages.push(text);
    errors.list.push({ href: '#password', text });
  };
  if (!password) {
    add('registration.errors.passwordMissing');
  } else {
    const broken = new Set(brokenRules(tenant.passwordPolicy, password, email));
    for (const rule of policyRules(tenant.passwordPolicy).filter((r) => broken.has(r.rule))) {
      add(`registration.errors.rule.${rule.rule}`, { count: rule.count, max: rule.max });
    }
  }
  if (messages.length) errors.byField.password = messages.join(' ');
  if (!confirm) addError(errors, ctx, 'passwordConfirm', 'registration.errors.passwordConfirmMissing');
  else if (password && confirm !== password) addError(errors, ctx, 'passwordConfirm', 'registration.errors.passwordMismatch');
  return messages;
}

/** A code of 6 digits, spaces allowed as people often copy them. */
export const codeDigits = (value: string) => value.replace(/[\s-]/g, '');
export const isCode = (value: string) => /^\d{6}$/.test(codeDigits(value));
