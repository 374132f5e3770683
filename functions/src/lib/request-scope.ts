import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is acting in the current request, available to the store layer without threading
 * it through every use case: the audit entries written with an action take the actor
 * from here, and a proxy's actions are marked with the resident they acted for.
 */
export interface RequestScope {
  requestId: string;
  /** The person holding the token (the proxy when acting for someone). */
  actorId: string;
  /** Set when the actor acts for a resident (`X-Act-For`); requests then run as the resident. */
  onBehalfOf?: string;
  /** The actor acts for `onBehalfOf` as the guardian who added that child (their maker rights are lent too). */
  asGuardian?: boolean;
  communityId?: string;
  /** The route's contract name, e.g. `redeem`. */
  route?: string;
  /**
   * With an Idempotency-Key: every attempt of the request makes the same ids (`newId`), so a
   * write committed by an attempt whose acknowledgement was lost is recognised, not repeated.
   */
  ids?: { seed: string; time: number; next: number };
  /**
   * The request's unit of work (`store/unit-of-work.ts`): every DynamoDB request of the use case
   * goes through it, so its writes and the idempotency record commit in one transaction.
   */
  work?: RequestWork;
  /**
   * Items read ahead in one `BatchGetItem` (`store/client.ts` `readAhead`), by `PK\0SK`; null
   * where there was none. `getItem` answers from here until the request writes.
   */
  readAhead?: Map<string, Record<string, unknown> | null>;
}

/** What the request scope knows of a unit of work: it sends the store's requests, and hears of outside effects. */
export interface RequestWork {
  send(client: { send(command: never): Promise<unknown> }, command: unknown): Promise<unknown>;
  /** Before a call with an effect outside the table (a WeChat refund): the writes before it must have committed. */
  beforeOutsideEffect(): void;
}

const storage = new AsyncLocalStorage<RequestScope>();

export const runInScope = <T>(scope: RequestScope, work: () => Promise<T>): Promise<T> => storage.run(scope, work);

export const currentScope = (): RequestScope | undefined => storage.getStore();

/**
 * Call before an outside effect that must follow committed writes (a WeChat refund, closing a
 * WeChat order): inside a unit of work that still holds its writes, the request runs again with
 * each write sent as it is made.
 */
export const beforeOutsideEffect = (): void => storage.getStore()?.work?.beforeOutsideEffect();
