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
import { useQrScan } from '../../../hooks/qr-scan';
import { useI18n } from '../../../i18n';

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
  const [result, setResult] = useState<{ answer: VerifyPassResponse; billFen?: number }>();
  const action = useAction();
  const scanner = useQrScan('verify-scanner');

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
      setResult({ answer, billFen });
      setToken('');
      return '';
    });
  };

  /** WeChat's scanner on weapp, the camera in a browser; the box below when neither can be used. */
  const scan = async () => {
    const scanned = await scanner.scan();
    if (scanned !== undefined) verify(scanned);
  };

  return (
    <>
      {result ? <VerifyPassResult result={result.answer} billFen={result.billFen} /> : null}
      <View className="card" id="verify-form">
        <Button id="verify-scan" className="button" onClick={scan}>
          {t('verify.scan')}
        </Button>
        {scanner.view}
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
          label={t('verify.tokenOrScan')}
          value={token}
          placeholder={t('verify.tokenPlaceholder')}
          maxlength={600}
          onChange={setToken}
        />
        <SubmitButton
          id="verify-submit"
          busy={action.busy}
          className={action.busy ? 'button' : 'button button--secondary'}
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
