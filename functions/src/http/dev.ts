import { areaHandler, type AreaRoutes } from './area';

/**
 * The dev stage's own routes — log in as anyone, mark an order paid — in a function that exists
 * only on the `dev` stage (`infra/functions.ts`): on every other stage neither the function nor
 * its routes are deployed.
 */
export const routes = {
  devLogin: () => import('./identity/dev-login'),
  devPayOrder: () => import('./shop/dev-pay-order'),
} satisfies AreaRoutes;

export const handler = areaHandler(routes);
