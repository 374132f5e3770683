import { areaHandler, type AreaRoutes } from '../area';

/**
 * The documents area's Lambda function: the 志愿服务记录证明's public check and its PDF. Its own
 * function because the PDF renderer (pdfkit, fontkit and a CJK font) is heavier than every other
 * route together; see `../area.ts`.
 */
export const routes = {
  checkServiceCertificate: () => import('./check-service-certificate'),
  getServiceCertificatePdf: () => import('./get-service-certificate-pdf'),
} satisfies AreaRoutes;

export const handler = areaHandler(routes);
