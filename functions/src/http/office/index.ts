import { areaHandler, type AreaRoutes } from '../area';

/** The office area's Lambda function: its routes (contract name → handler file); see `../area.ts`. */
export const routes = {
  exportData: () => import('./export-data'),
  getStats: () => import('./get-stats'),
  listAudit: () => import('./list-audit'),
  getRecognition: () => import('./get-recognition'),
  recognize: () => import('./recognize'),
  getDistrictStats: () => import('./get-district-stats'),
  exportDistrictStats: () => import('./export-district-stats'),
} satisfies AreaRoutes;

export const handler = areaHandler(routes);
