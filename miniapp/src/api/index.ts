export { request, queryString, type RequestOptions } from './client';
export { ApiError } from './api-error';
export { newIdempotencyKey } from './idempotency-key';
export { useApi, type ApiState } from './use-api';
