import { areaHandler, type AreaRoutes } from '../area';

/** The ledger area's Lambda function: its routes (contract name → handler file); see `../area.ts`. */
export const routes = {
  getMyLedger: () => import('./get-my-ledger'),
  reverseTransfer: () => import('./reverse-transfer'),
  runReconciliation: () => import('./run-reconciliation'),
  giftPoints: () => import('./gift-points'),
} satisfies AreaRoutes;

export const handler = areaHandler(routes);
