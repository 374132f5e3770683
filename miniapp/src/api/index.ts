export { request, type RequestOptions } from './client';
export { queryString } from '@linli/shared';
export { ApiError } from './api-error';
export { newIdempotencyKey } from './idempotency-key';
export { useApi, type ApiState } from './use-api';
