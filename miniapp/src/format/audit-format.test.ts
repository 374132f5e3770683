import { auditFieldName, auditObjectTypeName, auditValue, chinaDateTime } from './office';
import { currencyOf } from './points';

describe('the audit log in people’s words (issue 21)', () => {
  it('names kinds of object and fields, and leaves unknown ones as they are', () => {
    expect(auditObjectTypeName('claim', 'zh-CN')).toBe('时长记录');
    expect(auditObjectTypeName('claim', 'en')).toBe('Hours');
    expect(auditFieldName('displayName', 'zh-CN')).toBe('名字');
    expect(auditFieldName('somethingNew', 'zh-CN')).toBe('somethingNew');
  });

  it('shows instants in China time whatever the device’s zone, and fen as yuan', () => {
    expect(chinaDateTime('2026-11-30T16:05:00.000Z')).toBe('2026-12-01 00:05');
    expect(auditValue('decidedAt', '2026-11-30T16:05:00.000Z')).toBe('2026-12-01 00:05');
    expect(auditValue('amountFen', '12345')).toBe('¥123.45');
    expect(auditValue('amountFen', '-5')).toBe('-¥0.05');
    expect(auditValue('status', 'approved')).toBe('已通过');
    expect(auditValue('status', 'approved', 'en')).toBe('Approved');
    expect(auditValue('status', 'somethingNew')).toBe('somethingNew');
  });
});

describe('currencyOf', () => {
  it('names the currency in English in English mode when the community gave an English name', () => {
    const community = { currencyName: '志愿积分', currencyNameEn: 'Volunteer points' };
    expect(currencyOf(community, 'en')).toBe('Volunteer points');
    expect(currencyOf(community, 'zh-CN')).toBe('志愿积分');
    expect(currencyOf({ currencyName: '志愿积分' }, 'en')).toBe('志愿积分');
  });
});
