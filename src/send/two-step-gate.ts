import type { Middleware } from 'koa';

/**
 * Service areas hold children's information. Where the council requires the
 * second sign-in step for them, a person without it sees why and how to turn it on.
 */
export function requireTwoStepForServices(): Middleware {
  return async (ctx, next) => {
    const account = ctx.state.account!;
    if (ctx.state.tenant!.signIn.secondStep === 'requiredForServices' && account.two_step !== 'email') {
      ctx.status = 403;
      ctx.render('send/two-step-required', { title: ctx.state.t('services.twoStepRequired.title') });
      return;
    }
    await next();
  };
}
