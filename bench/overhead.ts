import { invoke } from '../tests/support/events';
import type { BenchStack } from './stack';
import type { ConsumedUnits, RequestCounts } from './counting-client';
import { HOT_ROUTES } from './routes';
import { now, percentile } from './timing';

export interface RouteOverhead {
  route: string;
  iterations: number;
  handlerP50: number;
  handlerP99: number;
  bareP50: number;
  bareP99: number;
  ratioP50: number;
  ratioP99: number;
  /** DynamoDB requests of one handler invocation (the same on every iteration, or `varies` is set). */
  requests: RequestCounts;
  bareRequests: RequestCounts;
  varies: boolean;
  /** Request units of one handler invocation, averaged over the measured calls. */
  units: ConsumedUnits;
}

const WARM_UP = 5;
const same = (left: RequestCounts, right: RequestCounts) => JSON.stringify(left) === JSON.stringify(right);

/**
 * Each hot route: `iterations` sequential in-process invocations of the real handler (middy,
 * validation, auth, idempotency) and, interleaved with them so both see the same machine,
 * the bare DynamoDB requests of its data path with the same client. Also counts the requests.
 */
export async function measureOverhead(stack: BenchStack, iterations: number): Promise<RouteOverhead[]> {
  const results: RouteOverhead[] = [];
  for (const route of HOT_ROUTES) {
    const total = iterations + WARM_UP;
    const prepared = await route.prepare({
      client: stack.client.documentClient,
      tableName: stack.tableName,
      iterations: total,
    });
    const handler = await route.handler();
    const handlerTimes: number[] = [];
    const bareTimes: number[] = [];
    let requests: RequestCounts | undefined;
    let bareRequests: RequestCounts = {};
    let varies = false;
    const units: ConsumedUnits = { read: 0, write: 0 };
    for (let iteration = 0; iteration < total; iteration += 1) {
      const event = prepared.event(iteration);
      stack.client.reset();
      const handlerStart = now();
      const reply = await invoke(handler, event);
      const handlerMilliseconds = now() - handlerStart;
      if (reply.status !== prepared.status) {
        throw new Error(`${route.name} → ${reply.status} (expected ${prepared.status}): ${JSON.stringify(reply.body)}`);
      }
      const counts = stack.client.counts();
      const consumed = stack.client.consumed();
      if (iteration >= WARM_UP) {
        units.read += consumed.read / iterations;
        units.write += consumed.write / iterations;
      }
      if (requests && !same(requests, counts)) varies = true;
      requests ??= counts;
      stack.client.reset();
      const bareStart = now();
      await prepared.bare(iteration);
      const bareMilliseconds = now() - bareStart;
      bareRequests = stack.client.counts();
      if (iteration < WARM_UP) continue;
      handlerTimes.push(handlerMilliseconds);
      bareTimes.push(bareMilliseconds);
    }
    const handlerP50 = percentile(handlerTimes, 0.5);
    const handlerP99 = percentile(handlerTimes, 0.99);
    const bareP50 = percentile(bareTimes, 0.5);
    const bareP99 = percentile(bareTimes, 0.99);
    results.push({
      route: route.name,
      iterations,
      handlerP50,
      handlerP99,
      bareP50,
      bareP99,
      ratioP50: handlerP50 / bareP50,
      ratioP99: handlerP99 / bareP99,
      requests: requests ?? {},
      bareRequests,
      varies,
      units,
    });
  }
  return results;
}
