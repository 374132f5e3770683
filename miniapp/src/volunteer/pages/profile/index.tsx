import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { CONSENT_TEXTS, contracts, type VolunteerProfile, type VolunteerProfileRequest } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import CheckRow from '../../../components/check-row';
import ChoiceTabs from '../../../components/choice-tabs';
import PageLayout from '../../../components/page-layout';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { useAction } from '../../../hooks/action';
import { useI18n, type Translate } from '../../../i18n';
import { useSession } from '../../../state/session';
import { accessibleName } from '../../../components/accessible-name';

interface Draft {
  realName: string;
  gender: 'male' | 'female' | '';
  birthDate: string;
  idNumber: string;
  phone: string;
  skills: string;
  serviceTypes: string;
}

const toDraft = (profile: VolunteerProfile | null): Draft => ({
  realName: profile?.realName ?? '',
  gender: profile?.gender ?? '',
  birthDate: profile?.birthDate ?? '',
  idNumber: '',
  phone: profile?.phone ?? '',
  skills: (profile?.skills ?? []).join('、'),
  serviceTypes: (profile?.serviceTypes ?? []).join('、'),
});

/** `急救、理发, 厨艺` → `['急救', '理发', '厨艺']`. */
const tags = (text: string) =>
  text
    .split(/[、,，\s]+/)
    .map((tag) => tag.trim())
    .filter(Boolean);

/** The request the draft describes, or the first thing to fix. */
export function profileFromDraft(draft: Draft, t: Translate): VolunteerProfileRequest | { problem: string } {
  const realName = draft.realName.trim();
  if (!realName) return { problem: t('profile.realNameRequired') };
  const idNumber = draft.idNumber.trim().toUpperCase();
  if (idNumber && !/^\d{17}[\dX]$/.test(idNumber)) return { problem: t('profile.idNumberInvalid') };
  if (draft.birthDate && !/^(19|20)\d\d-\d\d-\d\d$/.test(draft.birthDate))
    return { problem: t('profile.birthDateInvalid') };
  return {
    realName,
    ...(draft.gender ? { gender: draft.gender } : {}),
    ...(draft.birthDate ? { birthDate: draft.birthDate } : {}),
    ...(idNumber ? { idNumber } : {}),
    ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}),
    skills: tags(draft.skills),
    serviceTypes: tags(draft.serviceTypes),
  };
}

/**
 * 志愿者资料: real name, gender, birth date, ID number, contact, skills and service types — each
 * with why it is asked; the ID number is kept encrypted and only ever shown masked.
 */
export default function VolunteerProfilePage() {
  const { t } = useI18n();
  const { token, communityId } = useSession();
  const cid = communityId ?? '';
  const profile = useApi(token && communityId ? `volunteer-profile:${cid}:${token}` : null, () =>
    request(contracts.getVolunteerProfile, { params: { cid } }),
  );
  return (
    <PageLayout
      title="profile.title"
      requires="community"
      loading={profile.loading}
      error={profile.error}
      onRetry={profile.reload}
    >
      <View className="card">
        <Text className="card__hint" id="profile-purpose">
          {t('profile.purpose')}
        </Text>
      </View>
      {profile.data ? <ProfileForm communityId={cid} profile={profile.data.profile} onSaved={profile.reload} /> : null}
    </PageLayout>
  );
}

function ProfileForm(props: { communityId: string; profile: VolunteerProfile | null; onSaved: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(() => toDraft(props.profile));
  useEffect(() => setDraft(toDraft(props.profile)), [props.profile]);
  const action = useAction();
  const [consented, setConsented] = useState(false);
  const change = (patch: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...patch }));
  const save = async () => {
    const body = profileFromDraft(draft, t);
    if ('problem' in body) return action.fail(body.problem);
    // The ID number is sensitive: its own consent, ticked beside it (recorded by the server with the save).
    if (body.idNumber && !consented) return action.fail(t('profile.idNumberConsentRequired'));
    const done = await action.run(async () => {
      await request(contracts.putVolunteerProfile, { params: { cid: props.communityId }, body });
      return t('profile.saved');
    });
    if (done) props.onSaved();
  };
  const field = (key: 'realName' | 'birthDate' | 'phone' | 'skills' | 'serviceTypes', placeholder?: string) => (
    <TextField
      id={`profile-${key}`}
      label={t(`profile.${key}`)}
      value={draft[key]}
      placeholder={placeholder}
      maxlength={key === 'skills' || key === 'serviceTypes' ? 120 : 20}
      onChange={(value) => change({ [key]: value })}
    />
  );
  return (
    <View className="card" id="profile-form">
      {field('realName')}
      <View className="field">
        <Text className="field__label">{t('profile.gender')}</Text>
        <ChoiceTabs
          idPrefix="profile-gender"
          value={draft.gender || undefined}
          onChange={(gender) => change({ gender })}
          choices={[
            { value: 'female', label: t('profile.female') },
            { value: 'male', label: t('profile.male') },
          ]}
        />
      </View>
      {field('birthDate', '1960-05-01')}
      <View className="field">
        <Text className="field__label">{t('profile.idNumber')}</Text>
        <Input
          {...accessibleName(t('profile.idNumber'))}
          id="profile-idNumber"
          className="field__input"
          value={draft.idNumber}
          placeholder={props.profile?.idNumberMasked ?? t('profile.idNumberPlaceholder')}
          maxlength={18}
          onInput={(event) => change({ idNumber: event.detail.value })}
        />
        <Text className="card__hint">{t('profile.idNumberHint')}</Text>
        {draft.idNumber.trim() ? <IdNumberConsent checked={consented} onChange={setConsented} /> : null}
      </View>
      {field('phone')}
      {field('skills', t('profile.skillsPlaceholder'))}
      {field('serviceTypes', t('profile.serviceTypesPlaceholder'))}
      <SubmitButton id="profile-save" busy={action.busy} onClick={save}>
        {t('profile.save')}
      </SubmitButton>
      <ActionOutcome id="profile" outcome={action.outcome} />
    </View>
  );
}

/** 单独同意 for the ID number (PIPL Art. 29): the consent's own words and a tick, shown while one is typed. */
function IdNumberConsent({ checked, onChange }: { checked: boolean; onChange: (on: boolean) => void }) {
  const { t, language } = useI18n();
  return (
    <>
      <Text className="card__hint" id="profile-idNumber-consent-text">
        {CONSENT_TEXTS.id_number[language]}
      </Text>
      <CheckRow
        id="profile-idNumber-consent"
        label={t('profile.idNumberConsent')}
        checked={checked}
        onChange={onChange}
      />
    </>
  );
}
