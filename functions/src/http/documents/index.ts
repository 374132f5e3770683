import { areaHandler, type AreaRoutes } from '../area';

/**
 * The documents area's Lambda function: the 志愿服务记录证明's public check and its PDF, and the
 * fund's disclosure pack (JSON, or the XLSX workbook). Its own function because the PDF renderer
 * (pdfkit, fontkit and a CJK font) is heavier than every other route together, and the workbook's
 * writer (write-excel-file with fflate, ~80 KB) would put the fund function over its 400 KB; see `../area.ts`.
 */
export const routes = {
  checkServiceCertificate: () => import('./check-service-certificate'),
  getServiceCertificatePdf: () => import('./get-service-certificate-pdf'),
  getFundDisclosure: () => import('./get-fund-disclosure'),
} satisfies AreaRoutes;

export const handler = areaHandler(routes);
