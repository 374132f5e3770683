import { translate, type MessageKey } from '../../../i18n';
import { holderChange } from '.';

const t = (key: MessageKey) => translate('zh-CN', key);
const form = {
  name: ' 某市慈善总会 ',
  creditCode: '53100000500021676k',
  certificateNo: '',
  validFrom: '2025-01-01',
  validUntil: '2027-12-31',
};

describe('the fund holder form', () => {
  it('sends the holder trimmed, the credit code upper-cased, without an empty certificate number', () => {
    expect(holderChange(form, t)).toEqual({
      holder: {
        name: '某市慈善总会',
        creditCode: '53100000500021676K',
        qualification: { validFrom: '2025-01-01', validUntil: '2027-12-31' },
      },
    });
  });

  it('names the first thing to fix: the name, the check character, the dates', () => {
    expect(holderChange({ ...form, name: ' ' }, t)).toEqual({ problem: t('fundHolder.nameRequired') });
    expect(holderChange({ ...form, creditCode: '53100000500021676J' }, t)).toEqual({
      problem: t('fundHolder.creditCodeInvalid'),
    });
    expect(holderChange({ ...form, validUntil: '2024-12-31' }, t)).toEqual({ problem: t('fundHolder.datesInvalid') });
  });
});
