import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { contracts, dayOf, type CertificateCheck } from '@linli/shared';
import { ApiError, request } from '../../api';
import PageLayout from '../../components/page-layout';
import SubmitButton from '../../components/submit-button';
import TextField from '../../components/text-field';
import { describeError, useI18n } from '../../i18n';

const SERIAL = /^[A-Z0-9-]{8,64}$/;

/**
 * 志愿服务记录证明核验 — public, no login: a school or an employer scans the certificate's QR code
 * (`?serial=`) or types its number, and sees whether it is valid or revoked, the masked name, the
 * hours, the issuer and the date — nothing more.
 */
export default function CertificateCheckPage() {
  const { t } = useI18n();
  const { params } = useRouter();
  const fromLink = decodeURIComponent(params.serial ?? '').toUpperCase();
  const [serial, setSerial] = useState(fromLink);
  const [result, setResult] = useState<CertificateCheck | null>(null);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const check = async (value = serial) => {
    const wanted = value.trim().toUpperCase();
    setResult(null);
    setProblem(undefined);
    if (!SERIAL.test(wanted)) return setProblem(t('check.notFound'));
    setBusy(true);
    try {
      setResult(await request(contracts.checkServiceCertificate, { params: { serialNumber: wanted } }));
    } catch (error) {
      setProblem(error instanceof ApiError && error.status === 404 ? t('check.notFound') : describeError(t, error));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    // Opened from the certificate's QR code: check at once.
    if (fromLink) void check(fromLink);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per link
  }, [fromLink]);

  return (
    <PageLayout title="check.title">
      <View className="card" id="check-form">
        <Text className="card__hint">{t('check.intro')}</Text>
        <TextField id="check-serial" label={t('check.serial')} value={serial} maxlength={64} onChange={setSerial} />
        <SubmitButton id="check-submit" busy={busy} onClick={() => void check()}>
          {t('check.submit')}
        </SubmitButton>
        {problem ? (
          <Text className="form-error" id="check-problem">
            {problem}
          </Text>
        ) : null}
      </View>
      {result ? <CheckResult result={result} /> : null}
    </PageLayout>
  );
}

function CheckResult({ result }: { result: CertificateCheck }) {
  const { t } = useI18n();
  return (
    <View className={result.valid ? 'card' : 'card card--danger'} id="check-result">
      <Text className={result.valid ? 'card__title' : 'card__title form-error'} id="check-verdict">
        {result.valid ? t('check.valid') : t('check.invalid')}
      </Text>
      {result.revoked ? (
        <Text className="card__hint" id="check-revoked">
          {t('check.revokedReason', { reason: result.revoked.reason })}
        </Text>
      ) : null}
      <Text className="card__hint">
        {t('check.serial')}：{result.serialNumber}
      </Text>
      <Text className="card__hint">{t('check.holder', { name: result.holderName })}</Text>
      <Text className="card__hint">
        {t('check.hours', { hours: String(Math.round((result.totalMinutes / 60) * 10) / 10) })}
      </Text>
      <Text className="card__hint">{t('check.issuer', { issuer: result.issuer })}</Text>
      <Text className="card__hint">{t('check.issuedAt', { day: dayOf(result.issuedAt) })}</Text>
    </View>
  );
}
