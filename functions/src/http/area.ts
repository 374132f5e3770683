import { contracts } from '@linli/shared';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

/** The name of a route in `shared/src/contracts.ts`. */
export type RouteName = keyof typeof contracts;

/** A route's handler module (one file per route under `http/<area>/`), loaded on its first request. */
export type RouteModule = {
  handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
};

/** An area's routes: contract name → its handler module, imported lazily. */
export type AreaRoutes = Partial<Record<RouteName, () => Promise<RouteModule>>>;

/** `POST /v1/communities/{cid}/claims` — API Gateway's route key of a contract (HTTP API, payload 2.0). */
export const routeKey = (name: RouteName): string => `${contracts[name].method} ${contracts[name].path}`;

/**
 * One Lambda function per area (issue 14): API Gateway sends each of the area's routes to it and
 * it runs the route's own handler, chosen by `event.routeKey` — the route's contract method and
 * path, exactly as serverless.yml declares the route (`infra/functions.ts` builds both from the
 * same table, so they cannot drift). Handler modules are imported on their route's first request:
 * a cold start evaluates only the code the request needs (esbuild keeps them in the one bundle).
 *
 * A route key the area does not serve answers 404 `route.not_found` (API Gateway never sends one;
 * a misconfigured deploy would).
 */
export function areaHandler(routes: AreaRoutes) {
  const byKey = new Map<string, () => Promise<RouteModule>>();
  for (const [name, load] of Object.entries(routes) as [RouteName, () => Promise<RouteModule>][]) {
    byKey.set(routeKey(name), load);
  }
  return async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const load = byKey.get(event.routeKey);
    if (!load) {
      return {
        statusCode: 404,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          error: { code: 'route.not_found', message: `No route ${event.routeKey} in this function` },
        }),
      };
    }
    const { handler } = await load();
    return handler(event, context);
  };
}
