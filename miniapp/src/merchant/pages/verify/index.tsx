import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type VerifyPassResponse } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import MerchantLayout from '../../components/merchant-layout';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import VerifyPassResult from '../../components/verify-pass-result';
import { parseYuanToFen } from '../../../format/market';
import { useAction } from '../../../hooks/action';
import { useI18n } from '../../../i18n';

/** Scanning needs the WeChat camera; on H5 (a shop PC, the office) the pass token is pasted or typed. */
const CAN_SCAN = process.env.TARO_ENV === 'weapp';

/** 核验志愿者证: scan the resident's live pass and read who it belongs to and the discount to give. */
export default function VerifyPassPage() {
  return (
    <MerchantLayout title="verify.title">
      {({ communityId, merchant }) => <VerifyForm communityId={communityId} merchantId={merchant.id} />}
    </MerchantLayout>
  );
}

function VerifyForm({ communityId, merchantId }: { communityId: string; merchantId: string }) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [bill, setBill] = useState('');
  const [result, setResult] = useState<VerifyPassResponse>();
  const action = useAction();

  const verify = (passToken: string) => {
    const trimmed = passToken.trim();
    if (!trimmed) return action.fail(t('verify.tokenRequired'));
    const billFen = bill.trim() ? parseYuanToFen(bill) : undefined;
    if (billFen === null) return action.fail(t('verify.billInvalid'));
    setResult(undefined);
    void action.run(async (idempotencyKey) => {
      const answer = await request(contracts.verifyPass, {
        params: { cid: communityId, mid: merchantId },
        body: { token: trimmed, ...(billFen !== undefined ? { billFen } : {}) },
        idempotencyKey,
      });
      setResult(answer);
      setToken('');
      return '';
    });
  };

  const scan = async () => {
    try {
      const scanned = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      verify(scanned.result);
    } catch {
      // the merchant closed the camera
    }
  };

  return (
    <>
      {result ? <VerifyPassResult result={result} /> : null}
      <View className="card" id="verify-form">
        {CAN_SCAN ? (
          <Button id="verify-scan" className="button" onClick={scan}>
            {t('verify.scan')}
          </Button>
        ) : null}
        <TextField
          id="verify-bill"
          label={t('verify.bill')}
          value={bill}
          placeholder="0.00"
          maxlength={10}
          onChange={setBill}
        />
        <TextField
          id="verify-token"
          label={CAN_SCAN ? t('verify.tokenOrScan') : t('verify.token')}
          value={token}
          placeholder={t('verify.tokenPlaceholder')}
          maxlength={600}
          onChange={setToken}
        />
        <SubmitButton
          id="verify-submit"
          busy={action.busy}
          className={CAN_SCAN && !action.busy ? 'button button--secondary' : 'button'}
          onClick={() => verify(token)}
        >
          {action.busy ? t('verify.checking') : t('verify.submit')}
        </SubmitButton>
        {action.outcome && !action.outcome.ok ? <ActionOutcome id="verify" outcome={action.outcome} /> : null}
        <Text className="card__hint">{t('verify.hint')}</Text>
      </View>
    </>
  );
}
