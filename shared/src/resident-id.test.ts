import { isResidentIdNumber, residentIdCheckCharacter } from './schemas/volunteer';

describe('resident ID numbers (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
  ])('%s has the check character %s', (first17, check) => {
    expect(residentIdCheckCharacter(first17)).toBe(check);
    expect(isResidentIdNumber(`${first17}${check}`)).toBe(true);
  });

  it('refuses a wrong check character, a short number and letters', () => {
    expect(isResidentIdNumber('110105194912310021')).toBe(false);
    expect(isResidentIdNumber('11010519491231002')).toBe(false);
    expect(isResidentIdNumber('1101051949123100AX')).toBe(false);
  });
});
