import { BatchGetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { AppError, statusForCode } from '../../functions/src/lib/errors';
import { documentClient } from './api';
import { tableName } from './factories';

/**
 * What the model-based tests share (`tests/integration/*.model.test.ts`): the size and seed
 * from the environment, the tally of steps, comparisons, successes and refusals matched, the
 * comparison of a refusal with the one the model expects, reads of the stored items, and the
 * lanes that run fast-check command sequences until the step budget is spent.
 */
export interface ModelSettings {
  /** LINLI_MODEL_STEPS: the number of commands to execute at least. */
  targetSteps: number;
  /** LINLI_MODEL_SEED: replays a run (lane i, round r runs with seed SEED + 1000·i + r). */
  seed: number;
  /** LINLI_MODEL_LANES: independent sequences run side by side, each on its own community. */
  lanes: number;
}

export function modelSettings(defaultSteps: number): ModelSettings {
  return {
    targetSteps: Number(process.env.LINLI_MODEL_STEPS ?? defaultSteps),
    seed: Number(process.env.LINLI_MODEL_SEED ?? Date.now() % 2_147_483_647),
    lanes: Number(process.env.LINLI_MODEL_LANES ?? 3),
  };
}

export interface Refusal {
  status: number;
  code: string;
}

/** Runs a use case; the refusal it answers with (as an HTTP status and code), or null. */
export async function attempt(work: () => Promise<unknown>): Promise<Refusal | null> {
  try {
    await work();
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { status: statusForCode(error.code), code: error.code };
  }
}

/** Counts what a model run did and checks each outcome against the model's expectation. */
export class Tally {
  steps = 0;
  comparisons = 0;
  /** Commands that succeeded where the model expected success, by command. */
  readonly successes: Record<string, number> = {};
  /** Refusals that were exactly the ones the model expected, by code. */
  readonly refusals: Record<string, number> = {};

  /** `what` names the command (`name(arguments)`): its successes are counted under `name`. */
  expect(actual: Refusal | null, expected: string | null, what: string, status = 409): void {
    if (expected === null) {
      if (actual !== null) throw new Error(`${what}: expected success, got ${actual.status} ${actual.code}`);
      this.success(what);
      return;
    }
    if (actual?.code !== expected || actual.status !== status)
      throw new Error(
        `${what}: expected ${status} ${expected}, got ${actual ? `${actual.status} ${actual.code}` : 'success'}`,
      );
    this.refusals[expected] = (this.refusals[expected] ?? 0) + 1;
  }

  success(what: string): void {
    const command = what.split('(')[0]!;
    this.successes[command] = (this.successes[command] ?? 0) + 1;
  }
}

export type Item = Record<string, unknown>;

/** Items by key, read consistently (BatchGetItem, 100 keys a request, unprocessed keys read again). */
export async function readItems(
  keys: { PK: string; SK: string }[],
): Promise<(key: { PK: string; SK: string }) => Item | undefined> {
  const found = new Map<string, Item>();
  const id = (key: { PK: unknown; SK: unknown }) => `${String(key.PK)}\u0000${String(key.SK)}`;
  let pending = keys.map((key) => ({ PK: key.PK, SK: key.SK }));
  for (let round = 0; pending.length > 0; round += 1) {
    if (round > 10) throw new Error('unprocessed keys: read again');
    const chunks = Array.from({ length: Math.ceil(pending.length / 100) }, (_, index) =>
      pending.slice(index * 100, index * 100 + 100),
    );
    const results = await Promise.all(
      chunks.map((chunk) =>
        documentClient().send(
          new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: chunk, ConsistentRead: true } } }),
        ),
      ),
    );
    pending = [];
    for (const result of results) {
      for (const item of result.Responses?.[tableName()] ?? [])
        found.set(id(item as { PK: unknown; SK: unknown }), item);
      pending.push(...((result.UnprocessedKeys?.[tableName()]?.Keys ?? []) as { PK: string; SK: string }[]));
    }
  }
  return (key) => found.get(id(key));
}

/** Every item a query finds, page after page. */
export async function queryItems(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export interface LaneOptions<Model extends object, Real> {
  settings: ModelSettings;
  tally: Tally;
  commands: fc.Arbitrary<fc.AsyncCommand<Model, Real>>[];
  maxCommands: number;
  fresh: (lane: number) => Promise<{ model: Model; real: Real }>;
  afterRun?: (real: Real, run: number, model: Model) => Promise<void>;
}

/**
 * Runs `settings.lanes` lanes side by side (DynamoDB Local serves them in parallel), each round
 * after round of fast-check runs of `commands` on a fresh system, until the tally has executed
 * `settings.targetSteps` commands in all. `afterRun` checks a finished run (e.g. reconciliation).
 * Returns the number of runs.
 */
export async function runLanes<Model extends object, Real>(options: LaneOptions<Model, Real>): Promise<number> {
  const { settings, tally } = options;
  let runs = 0;
  const lane = async (laneIndex: number) => {
    for (let round = 0; tally.steps < settings.targetSteps; round += 1) {
      const remaining = settings.targetSteps - tally.steps;
      await fc.assert(
        fc.asyncProperty(
          fc.commands(options.commands, { maxCommands: options.maxCommands, size: 'max' }),
          async (sequence) => {
            runs += 1;
            const run = runs;
            const { model, real } = await options.fresh(laneIndex);
            await fc.asyncModelRun(() => ({ model, real }), sequence);
            await options.afterRun?.(real, run, model);
          },
        ),
        {
          numRuns: Math.max(1, Math.ceil(remaining / settings.lanes / (options.maxCommands * 0.6))),
          seed: settings.seed + laneIndex * 1_000 + round,
        },
      );
    }
  };
  await Promise.all(Array.from({ length: settings.lanes }, (_, index) => lane(index)));
  return runs;
}

/**
 * A model test as one Jest test: it prints the seed first (to replay a failure), runs the lanes,
 * prints the figures (`report` adds its own, e.g. reconciliations) and fails unless the step budget
 * was spent. `msPerStep` sizes the timeout.
 */
export function modelTest<Model extends object, Real>(
  title: string,
  label: string,
  options: LaneOptions<Model, Real> & { report?: () => string; msPerStep?: number },
): void {
  const { settings, tally } = options;
  const { targetSteps, seed, lanes } = settings;
  describe(`${title} (≥ ${targetSteps} steps, seed ${seed})`, () => {
    it(
      'the real system follows the model step by step',
      async () => {
        console.log(
          `${label}: ≥ ${targetSteps} steps, ${lanes} lanes, seed ${seed} (replay with LINLI_MODEL_SEED=${seed})`,
        );
        const started = Date.now();
        const runs = await runLanes(options);
        console.log(
          `${label}: seed ${seed}: ${tally.steps} steps executed in ${runs} runs (${lanes} lanes), ` +
            `${tally.comparisons} comparisons with the model, ${options.report?.() ?? ''}` +
            `successes matched: ${JSON.stringify(tally.successes)}, refusals matched: ${JSON.stringify(tally.refusals)} ` +
            `(${Math.round((Date.now() - started) / 1000)} s)`,
        );
        expect(tally.steps).toBeGreaterThanOrEqual(targetSteps);
      },
      Math.max(600_000, targetSteps * (options.msPerStep ?? 60)),
    );
  });
}
