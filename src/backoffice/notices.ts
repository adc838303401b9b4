import type Koa from 'koa';
import { setNotice as setAreaNotice, takeNotice as takeAreaNotice } from '../access/notices.js';

/** A one-off confirmation for the next back office page after a redirect ("You approved …"). */
export const setNotice = (ctx: Koa.Context, key: string, values?: Record<string, string>) => setAreaNotice(ctx, 'backoffice', key, values);

/** The notice's text in the page language, once. */
export const takeNotice = (ctx: Koa.Context) => takeAreaNotice(ctx, 'backoffice');
