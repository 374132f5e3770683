import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CHILD_AGE, contracts, isUnderChildAge } from '@linli/shared';
import { request, useApi } from '../../api';
import { useAction } from '../../hooks/action';
import { useI18n } from '../../i18n';
import ActionOutcome from '../action-outcome';
import CheckRow from '../check-row';
import SubmitButton from '../submit-button';
import TextField from '../text-field';
import DateField from '../date-field';

const DAY = /^(19|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * 我的孩子: the children under 14 the user added as guardian (PIPL Art. 31), and a form to add one —
 * name, birth date and the guardian's statement. A child added here appears among those the user
 * acts for (为 小明 代办), where the child's sign-ups and, at a children's stall, their listings are made.
 */
export default function ChildrenCard({ communityId, onAdded }: { communityId: string; onAdded: () => void }) {
  const { t } = useI18n();
  const children = useApi(`my-children:${communityId}`, () =>
    request(contracts.listMyChildren, { params: { cid: communityId } }),
  );
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [consent, setConsent] = useState(false);
  const action = useAction();
  const add = async () => {
    if (!name.trim()) return action.fail(t('children.nameRequired'));
    if (!DAY.test(birthDate)) return action.fail(t('children.birthDateInvalid'));
    if (!isUnderChildAge(birthDate)) return action.fail(t('error.child.too_old'));
    if (!consent) return action.fail(t('children.consentRequired'));
    const done = await action.run(async (idempotencyKey) => {
      const { child } = await request(contracts.addChild, {
        params: { cid: communityId },
        body: { displayName: name.trim(), birthDate, guardianConsent: true },
        idempotencyKey,
      });
      return t('children.added', { name: child.displayName });
    });
    if (done) {
      setName('');
      setBirthDate('');
      setConsent(false);
      children.reload();
      onAdded();
    }
  };
  return (
    <View className="card" id="children-card">
      <Text className="section-title">{t('children.title')}</Text>
      <Text className="card__hint">{t('children.hint', { age: CHILD_AGE })}</Text>
      <View className="list" id="children-list">
        {children.data?.items.map((child) => (
          <View className="row" key={child.id} id={`child-${child.id}`}>
            <View className="row__text">
              <Text>{child.displayName}</Text>
              {child.memberNo === undefined ? null : (
                <Text className="card__hint">{t('member.no', { no: child.memberNo })}</Text>
              )}
            </View>
            <Text className="card__hint">{t('children.born', { day: child.birthDate ?? '' })}</Text>
          </View>
        ))}
      </View>
      <TextField id="child-name" label={t('children.name')} value={name} maxlength={32} onChange={setName} />
      <DateField id="child-birth-date" label={t('children.birthDate')} value={birthDate} onChange={setBirthDate} />
      <CheckRow id="child-consent" label={t('children.consent')} checked={consent} onChange={setConsent} />
      <SubmitButton id="child-add" busy={action.busy} onClick={add}>
        {t('children.add')}
      </SubmitButton>
      <ActionOutcome id="child-add" outcome={action.outcome} />
    </View>
  );
}
