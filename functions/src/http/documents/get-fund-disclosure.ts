import { contracts } from '@linli/shared';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { fundDisclosure } from '../../domain/fund/disclosure';
import { disclosureXlsx } from '../../domain/fund/disclosure-xlsx';
import { resolveImages } from '../../domain/media/images';
import { DynamoFundPeriodReader } from '../../store/fund/fund-period-reader';
import { getDocumentClient } from '../../store/client';
import { env } from '../../lib/env';
import { imageReading, stores } from '../../wiring';
import { file, httpRoute, ok } from '../route';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * GET /v1/communities/{cid}/fund/disclosures/{period}?format=json|xlsx — public (issue 20): the fund's
 * disclosure of a China-time quarter or year, with the receipt photos that may be shown; or the workbook.
 */
export const handler = httpRoute(contracts.getFundDisclosure, async ({ params, query }) => {
  const [community, pack] = await Promise.all([
    getCommunityOrThrow(stores.communities(), params.cid),
    fundDisclosure(
      { communityId: params.cid, period: params.period, now: new Date() },
      new DynamoFundPeriodReader(getDocumentClient(), env.tableName()),
    ),
  ]);
  const ids = pack.expensesByPurpose.flatMap((purpose) =>
    purpose.entries.flatMap((entry) => (entry.receiptImageId ? [entry.receiptImageId] : [])),
  );
  const resolve = await resolveImages({ communityId: params.cid, idLists: [ids], reader: {} }, imageReading());
  const disclosure = { ...pack, receipts: Object.fromEntries(resolve(ids).map((view) => [view.id, view])) };
  if (query.format !== 'xlsx') return ok(disclosure);
  const workbook = file(
    await disclosureXlsx(disclosure, community.name),
    XLSX_TYPE,
    `linli-fund-${params.cid}-${params.period}.xlsx`,
    `${community.name}-基金信息公开-${params.period}.xlsx`,
  );
  // The workbook's bytes are sent, not the body: the contract types the JSON answer.
  return { ...workbook, body: disclosure };
});
