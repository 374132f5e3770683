import { Button, Text, View } from '@tarojs/components';
import { contracts, type Consent, type ConsentKind } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import { formatDateTime } from '../../../format/time';
import { useAction } from '../../../hooks/action';
import { useI18n } from '../../../i18n';

/** The consents a person can withdraw here (the privacy guide is agreed to at login and on its page). */
const WITHDRAWABLE: ConsentKind[] = ['id_number', 'donor_name_public'];
const SHOWN: ConsentKind[] = ['privacy_guide', ...WITHDRAWABLE];

/**
 * 我的同意 (issue 20 item 3; PIPL Art. 15): each consent — the privacy guide, the ID number, naming the
 * donor publicly — with when it was given or withdrawn; the last two withdrawable here, as easily as they
 * were given (the ID number is then deleted, the name taken off the fund page).
 */
export default function ConsentsCard() {
  const { t, language } = useI18n();
  const consents = useApi('my-consents', () => request(contracts.listMyConsents));
  const action = useAction();
  const standing = (kind: ConsentKind): Consent | undefined =>
    consents.data?.items.find((item) => item.kind === kind && !item.withdrawnAt);
  const latest = (kind: ConsentKind): Consent | undefined => consents.data?.items.find((item) => item.kind === kind);

  const withdraw = async (kind: ConsentKind) => {
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.withdrawConsent, { params: { kind }, idempotencyKey });
      return t(`consents.withdrawn.${kind}`);
    });
    if (done) consents.reload();
  };

  const status = (kind: ConsentKind): string => {
    const given = standing(kind);
    if (given) return t('consents.given', { time: formatDateTime(given.acceptedAt, language) });
    const last = latest(kind);
    if (last?.withdrawnAt) return t('consents.withdrawnAt', { time: formatDateTime(last.withdrawnAt, language) });
    return t('consents.never');
  };

  return (
    <View className="card my-data" id="my-consents">
      <Text className="my-data__heading">{t('consents.title')}</Text>
      {SHOWN.map((kind) => (
        <View key={kind} className="my-data__consent" id={`consent-${kind}`}>
          <Text className="my-data__text">{t(`consents.kind.${kind}`)}</Text>
          <Text className="card__hint" id={`consent-${kind}-status`}>
            {consents.data ? status(kind) : ''}
          </Text>
          {WITHDRAWABLE.includes(kind) && standing(kind) ? (
            <Button
              id={`consent-${kind}-withdraw`}
              className="button button--secondary button--small"
              onClick={() => withdraw(kind)}
            >
              {t('consents.withdraw')}
            </Button>
          ) : null}
        </View>
      ))}
      <ActionOutcome id="my-consents" outcome={action.outcome} />
    </View>
  );
}
