import { AppError, errorBody, statusForCode } from './errors';

describe('the code → status table', () => {
  it.each([
    ['request.validation_failed', 400],
    ['auth.unauthenticated', 401],
    ['auth.token_expired', 401],
    ['auth.forbidden', 403],
    ['auth.not_a_member', 403],
    ['community.not_found', 404],
    ['activity.not_found', 404],
    ['idempotency.key_reused', 422],
    ['rate.limited', 429],
    ['wechat.unavailable', 502],
  ])('%s → %i', (code, status) => {
    expect(statusForCode(code)).toBe(status);
  });

  it('renders the error format of DESIGN.md', () => {
    expect(errorBody(new AppError('auth.forbidden', 'no', { requiredRoles: ['staff'] }))).toEqual({
      error: { code: 'auth.forbidden', message: 'no', details: { requiredRoles: ['staff'] } },
    });
  });
});
