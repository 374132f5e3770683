import { creditCodeCheckCharacter, isValidCreditCode } from './credit-code';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts codes whose check character holds', () => {
    // Published codes: a foundation's (5 3…, registered with civil affairs) and a company's.
    expect(isValidCreditCode('53100000500021676K')).toBe(true);
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
  });

  it('computes the check character, 0 when the remainder is 0', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
  });

  it('refuses a wrong check character, a wrong length, lower case and the letters I O Z S V', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100m000100Y43')).toBe(false);
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
      const first17 = `9135010${letter}M000100Y4`;
      expect(creditCodeCheckCharacter(first17)).toBeNull();
    }
  });
});
