import type { TFunction } from 'i18next';
import type { Logger } from 'pino';
import type { Language } from '../../i18n/index.js';

declare module 'koa' {
  interface DefaultState {
    requestId: string;
    log: Logger;
    lang: Language;
    t: TFunction;
    csrfToken?: string;
  }
  interface DefaultContext {
    /** Renders src/<domain>/views/<page>.hbs in the tenant's layout. */
    render(page: string, locals?: Record<string, unknown>, layout?: string): void;
  }
}

export {};
