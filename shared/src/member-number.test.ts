import { FIRST_MEMBER_NO, MAX_MEMBER_NO, nextMemberNo, parseMemberNo } from './member-number';

describe('member numbers', () => {
  it('starts a community at 1001 and counts on from the highest number given', () => {
    expect(FIRST_MEMBER_NO).toBe(1001);
    expect(nextMemberNo(undefined)).toBe(1001);
    expect(nextMemberNo(1001)).toBe(1002);
    expect(nextMemberNo(1999)).toBe(2000);
  });

  it('starts at the first number when the counter is not a number given', () => {
    expect(nextMemberNo(0)).toBe(1001);
    expect(nextMemberNo(Number.NaN)).toBe(1001);
    expect(nextMemberNo(1.5)).toBe(1001);
  });

  it.each([
    ['1024', 1024],
    [' 1024 ', 1024],
    ['10 24', 1024],
    ['No. 1024', 1024],
    ['no1024', 1024],
    ['NO.1024', 1024],
    ['#1024', 1024],
    ['编号 1024', 1024],
    ['编号：1024', 1024],
    ['编号:1024', 1024],
    ['１０２４', 1024],
    ['Ｎｏ．１０２４', 1024],
    ['№1024', 1024],
    ['01024', 1024],
    ['7', 7],
    [String(MAX_MEMBER_NO), MAX_MEMBER_NO],
  ])('reads %j as the member number %d', (text, memberNo) => {
    expect(parseMemberNo(text)).toBe(memberNo);
  });

  it.each([
    '',
    '刘大爷',
    '01HZY3M5W7K8Q9R0S1T2V3W4X5',
    'user-1024',
    '1024a',
    '10.24',
    '-1024',
    '0',
    '1234567890',
    'No.',
    '编号：',
    '：1024',
  ])('reads %j as no member number', (text) => {
    expect(parseMemberNo(text)).toBeNull();
  });
});
