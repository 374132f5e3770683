import type { ErrorBody } from '@linli/shared';

/** A refused or failed API call: the HTTP status and the server's dotted error code. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** `{"error":{"code","message","details"}}` → ApiError; anything else becomes `http.<status>`. */
  static fromResponse(status: number, data: unknown): ApiError {
    if (isErrorBody(data)) {
      return new ApiError(status, data.error.code, data.error.message, data.error.details);
    }
    return new ApiError(status, `http.${status}`, `The server answered ${status}`);
  }
}

export function isErrorBody(data: unknown): data is ErrorBody {
  if (typeof data !== 'object' || data === null || !('error' in data)) return false;
  const error = (data as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
