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
  communityId?: string;
  /** The route's contract name, e.g. `redeem`. */
  route?: string;
  /**
   * With an Idempotency-Key: every attempt of the request makes the same ids (`newId`), so a
   * write committed by an attempt whose acknowledgement was lost is recognised, not repeated.
   */
  ids?: { seed: string; time: number; next: number };
}

const storage = new AsyncLocalStorage<RequestScope>();

export const runInScope = <T>(scope: RequestScope, work: () => Promise<T>): Promise<T> => storage.run(scope, work);

export const currentScope = (): RequestScope | undefined => storage.getStore();
