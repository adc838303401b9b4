import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { localise, translator, hasKey, type Language } from '../../i18n/index.js';
import type { LocalisedText } from '../../i18n/text.js';

const hbs = Handlebars.create();
const dir = path.join(import.meta.dirname, 'templates');
const htmlLayout = hbs.compile(readFileSync(path.join(dir, 'email.html.hbs'), 'utf8'));
const textLayout = hbs.compile(readFileSync(path.join(dir, 'email.txt.hbs'), 'utf8'), { noEscape: true });

/** What an email needs of the council sending it (a tenant config has all of it). */
export interface MailTenant {
  languages: Language[];
  name: LocalisedText;
  portalName: LocalisedText;
  hostnames: string[];
  brand: { colours: { header: string; headerText: string; primary: string; link: string } };
  contact: { email: string };
  mail: { fromName: LocalisedText; fromAddress: string; senderAdvice?: LocalisedText };
  /** A suspended council's emails wait in its outbox until it is live again. */
  status?: 'draft' | 'live' | 'suspended';
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * Builds an email from its locale texts in the tenant's branding. `template` is the
 * key of the email's texts, e.g. "emails.portalMessage" or "registration.emails.confirm":
 * `<template>.subject`, `<template>.paragraphs` (a list) and optionally `<template>.action`
 * (the text of the link `data.actionUrl`). Values in `data` fill the {{placeholders}}.
 */
export function renderEmail(tenant: MailTenant, template: string, locale: Language, data: Record<string, unknown>): RenderedEmail {
  const lang: Language = tenant.languages.includes(locale) ? locale : 'en';
  const t = translator(lang);
  const base = template;
  if (!hasKey(`${base}.subject`, lang)) throw new Error(`No email template "${template}" in ${lang}`);
  const values = { ...data, portalName: localise(tenant.portalName, lang), councilName: localise(tenant.name, lang) };
  const listed: unknown = t(`${base}.paragraphs`, { ...values, returnObjects: true });
  const paragraphs = Array.isArray(listed) ? listed.map(String) : [String(listed)];
  // An email carrying a code says which sender to trust, where the council gives that advice (codes lost to spam lock people out).
  if (data.code !== undefined && tenant.mail.senderAdvice) paragraphs.push(localise(tenant.mail.senderAdvice, lang));
  const action = hasKey(`${base}.action`, lang) && typeof data.actionUrl === 'string' ? { text: t(`${base}.action`, values), url: data.actionUrl } : undefined;
  const locals = {
    lang,
    subject: t(`${base}.subject`, values),
    paragraphs,
    action,
    portalName: values.portalName,
    councilName: values.councilName,
    colours: tenant.brand.colours,
    footer: t('emails.footer', { ...values, contactEmail: tenant.contact.email }),
    automated: t('emails.automated'),
  };
  return { subject: locals.subject, html: htmlLayout(locals), text: textLayout(locals) };
}
