import { formatSignedYuan, parsePositiveYuan, shortHash } from './fund';

describe('fund formatting', () => {
  it('reads typed yuan as integer fen from the digits, never through a float', () => {
    expect(parsePositiveYuan('150')).toBe(15000);
    expect(parsePositiveYuan('150.5')).toBe(15050);
    expect(parsePositiveYuan('150.05')).toBe(15005);
    expect(parsePositiveYuan('0.1')).toBe(10);
    expect(parsePositiveYuan(' 0.29 ')).toBe(29);
    expect(parsePositiveYuan('1.15')).toBe(115);
  });

  it('refuses what is not an amount of money', () => {
    expect(parsePositiveYuan('1.005')).toBeNull();
    expect(parsePositiveYuan('0')).toBeNull();
    expect(parsePositiveYuan('0.00')).toBeNull();
    expect(parsePositiveYuan('-5')).toBeNull();
    expect(parsePositiveYuan('1e3')).toBeNull();
    expect(parsePositiveYuan('12.')).toBeNull();
    expect(parsePositiveYuan('')).toBeNull();
  });

  it('signs ledger amounts and shortens hashes', () => {
    expect(formatSignedYuan(3000)).toBe('+¥30.00');
    expect(formatSignedYuan(-1205)).toBe('-¥12.05');
    expect(shortHash('ab'.repeat(32))).toBe('abababababab');
  });
});
