import { readFileSync } from 'node:fs';
import { NOTIFICATION_KINDS } from '@linli/shared';
import { now } from './timing';
import { devLoginToken, startHttpStack } from './stack';

/**
 * Issue 15 (6): does `npm start`'s API — serverless-offline, the same serverless.yml — answer a burst?
 * `concurrency` requests at once, three times (a public read, an authenticated read, an
 * authenticated write), against a fresh local stack; each reply's status, the time until the last
 * reply, and the peak resident memory of the offline process (its worker threads included), sampled
 * every 100 ms from /proc.
 */
export interface BurstResult {
  name: string;
  requests: number;
  statuses: Record<string, number>;
  seconds: number;
  peakMegabytes: number;
}

function residentMegabytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

export async function measureBurst(concurrency: number): Promise<BurstResult[]> {
  const stack = await startHttpStack();
  const pid = stack.api.process.pid ?? 0;
  let peak = residentMegabytes(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, residentMegabytes(pid))), 100);
  const url = stack.api.url;
  try {
    const auth = { authorization: `Bearer ${await devLoginToken(url, 'demo-resident')}` };
    const bursts: { name: string; request: (index: number) => Promise<Response> }[] = [
      { name: 'GET /v1/communities/demo (public)', request: () => fetch(`${url}/v1/communities/demo`) },
      { name: 'GET /v1/communities/demo/me', request: () => fetch(`${url}/v1/communities/demo/me`, { headers: auth }) },
      {
        name: 'POST …/subscriptions (a write per request)',
        request: (index) =>
          fetch(`${url}/v1/me/subscriptions`, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `burst-${Date.now()}-${index}` },
            body: JSON.stringify({ kinds: [NOTIFICATION_KINDS[0]] }),
          }),
      },
    ];
    const results: BurstResult[] = [];
    for (const burst of bursts) {
      peak = residentMegabytes(pid);
      const started = now();
      const statuses: Record<string, number> = {};
      await Promise.all(
        Array.from({ length: concurrency }, async (_, index) => {
          let status: string;
          try {
            const reply = await burst.request(index);
            await reply.arrayBuffer();
            status = String(reply.status);
          } catch (error) {
            status = (error as Error).name;
          }
          statuses[status] = (statuses[status] ?? 0) + 1;
        }),
      );
      results.push({
        name: burst.name,
        requests: concurrency,
        statuses,
        seconds: (now() - started) / 1000,
        peakMegabytes: peak,
      });
    }
    return results;
  } finally {
    clearInterval(sampler);
    await stack.stop();
  }
}
