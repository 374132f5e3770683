import type { RouteOverhead } from './overhead';

/**
 * What a community costs to run on AWS in China (Ningxia, cn-northwest-1, the region the README
 * recommends), from what the bench measured per call: DynamoDB request units (on-demand) and
 * Lambda invocations and duration. API Gateway, CloudWatch, data transfer and storage are left
 * out (storage: a community's table is a few MB).
 *
 * Prices — check them before relying on the figures:
 * - DynamoDB on-demand, Standard table class, China (Beijing) and China (Ningxia):
 *   https://www.amazonaws.cn/en/dynamodb/pricing/ (read 2026-12-01): write requests ¥11.1538 per
 *   million write request units. The read price was not legible in the copy read; it is taken at
 *   one fifth of the write price (¥2.2308 per million RRU), the ratio AWS keeps in every region.
 * - Lambda, China (Ningxia), x86: https://www.amazonaws.cn/en/lambda/pricing/ — ¥1.36 per million
 *   requests and ¥0.000113477 per GB-second (as published for the China regions; not re-read
 *   from the page in this session). Free tiers are ignored.
 */
export const PRICES = {
  currency: '¥',
  region: 'cn-northwest-1 (Ningxia)',
  dynamodbWritePerMillionWru: 11.1538,
  dynamodbReadPerMillionRru: 11.1538 / 5,
  lambdaPerMillionRequests: 1.36,
  lambdaPerGbSecond: 0.000113477,
  /** serverless.yml provider.memorySize */
  lambdaMemoryGb: 0.5,
} as const;

/**
 * A month of one community of 3,000 members (issue 15's profile): 40 activities, 1,200 check-ins
 * (each with its check-out: 2,400 scans) and 1,200 approvals, 300 redemptions, 150 shop orders,
 * and 60,000 page views split over the three most-read pages.
 */
export const MONTHLY_PROFILE: Record<string, number> = {
  'check-in': 2_400,
  approve: 1_200,
  redemption: 300,
  order: 150,
  me: 20_000,
  'activities list': 25_000,
  'fund page': 15_000,
};

export interface CostRow {
  route: string;
  callsPerMonth: number;
  readUnits: number;
  writeUnits: number;
  handlerMilliseconds: number;
  dynamodbYuan: number;
  lambdaYuan: number;
}

/**
 * Monthly cost per route for one community from the measured units and handler time (p50 on this
 * machine, an upper bound for Lambda's duration on DynamoDB proper: the handler waits on DynamoDB
 * Local here). Linear in the number of communities: nothing is shared between them.
 */
export function monthlyCost(overhead: RouteOverhead[]): CostRow[] {
  return overhead
    .filter((row) => MONTHLY_PROFILE[row.route] !== undefined)
    .map((row) => {
      const calls = MONTHLY_PROFILE[row.route]!;
      const dynamodbYuan =
        (calls * row.units.read * PRICES.dynamodbReadPerMillionRru +
          calls * row.units.write * PRICES.dynamodbWritePerMillionWru) /
        1_000_000;
      const gbSeconds = (calls * row.handlerP50 * PRICES.lambdaMemoryGb) / 1000;
      const lambdaYuan = (calls * PRICES.lambdaPerMillionRequests) / 1_000_000 + gbSeconds * PRICES.lambdaPerGbSecond;
      return {
        route: row.route,
        callsPerMonth: calls,
        readUnits: row.units.read,
        writeUnits: row.units.write,
        handlerMilliseconds: row.handlerP50,
        dynamodbYuan,
        lambdaYuan,
      };
    });
}
