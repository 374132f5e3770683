import { CHECKIN_STEP_SECONDS, currentCheckinCode, verifyCheckinCode, verifyCheckinToken } from './checkin-token';

const secret = 'activity-secret';
const start = Date.UTC(2026, 10, 22, 8, 0, 0);
const step = CHECKIN_STEP_SECONDS * 1000;

describe('rotating check-in token', () => {
  it('accepts the current and the previous step, nothing older', () => {
    const shown = currentCheckinCode(secret, 'A1', start);

    expect(verifyCheckinToken(secret, 'A1', shown.qr, start)).toBe(true);
    expect(verifyCheckinToken(secret, 'A1', shown.qr, start + step)).toBe(true);
    expect(verifyCheckinToken(secret, 'A1', shown.qr, start + 2 * step)).toBe(false);
    expect(verifyCheckinCode(secret, shown.code, start + step)).toBe(true);
    expect(verifyCheckinCode(secret, shown.code, start + 2 * step)).toBe(false);
  });

  it('rotates every step and expires at the end of it', () => {
    const first = currentCheckinCode(secret, 'A1', start);
    const next = currentCheckinCode(secret, 'A1', start + step);

    expect(next.qr).not.toBe(first.qr);
    expect(Date.parse(first.expiresAt)).toBe(start - (start % step) + step);
    expect(first.code).toMatch(/^\d{6}$/);
  });

  it('refuses another activity, another secret and a tampered step', () => {
    const shown = currentCheckinCode(secret, 'A1', start);
    const [prefix, activity, stepNumber, signature] = shown.qr.split(':');

    expect(verifyCheckinToken(secret, 'A2', shown.qr, start)).toBe(false);
    expect(verifyCheckinToken('other-secret', 'A1', shown.qr, start)).toBe(false);
    expect(
      verifyCheckinToken(secret, 'A1', `${prefix}:${activity}:${Number(stepNumber) + 1}:${signature}`, start + step),
    ).toBe(false);
    expect(verifyCheckinToken(secret, 'A1', 'linli-checkin:A1', start)).toBe(false);
  });
});
