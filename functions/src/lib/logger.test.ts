import { Logger } from '@aws-lambda-powertools/logger';
import { redact } from './logger';

/** What reaches CloudWatch: one JSON line per call, through the same redaction as `logger`. */
function logged(write: (logger: Logger) => void): string {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  const original = console.info;
  try {
    write(new Logger({ serviceName: 'test', jsonReplacerFn: redact, logLevel: 'DEBUG' }));
  } finally {
    spy.mockRestore();
    console.info = original;
  }
  return lines.join('');
}

describe('log redaction', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLWhlcmU';

  it('never writes a token, a secret or an identity card number', () => {
    const output = logged((logger) => {
      logger.appendKeys({ requestId: 'req-1', communityId: 'demo' });
      logger.info('request', {
        headers: { authorization: `Bearer ${jwt}`, 'x-act-for': 'member-1' },
        token: jwt,
        refreshToken: 'r-123',
        wechatAppSecret: 'shh',
        idNumber: '11010519491231002X',
        note: `resident 11010519491231002X called, header Bearer ${jwt}`,
      });
      logger.error('request failed', new Error(`token ${jwt} for 110105194912310021 rejected`));
    });
    for (const secret of [jwt, 'r-123', 'shh', '11010519491231002X', '110105194912310021']) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('[redacted]');
    expect(output).toContain('[redacted id]');
    expect(output).toContain('"requestId":"req-1"');
    expect(output).toContain('"communityId":"demo"');
    expect(output).toContain('member-1');
  });

  it('leaves longer numbers (order numbers, timestamps) and ordinary fields alone', () => {
    expect(redact('outTradeNo', 'LL2026120100000000123456')).toBe('LL2026120100000000123456');
    expect(redact('at', '1764547200000')).toBe('1764547200000');
    expect(redact('points', 12)).toBe(12);
    expect(redact('phoneOrder', '1234567890123456789')).toBe('1234567890123456789');
  });
});
