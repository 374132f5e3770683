import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { activityCategoriesOf, contracts, type ActivityCategoryDefinition, type Community } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import EmptyState from '../../../components/empty-state';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import OfficeLayout from '../../components/office-layout';
import FundHolderForm from '../../components/fund-holder-form';
import { parseWholeNumber } from '../../../format/market';
import { useAction } from '../../../hooks/action';
import { useI18n, type Translate } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';
import { accessibleName } from '../../../components/accessible-name';

/**
 * 社区设置, the new community's setup (admins): name and currency, points per hour, the certificate
 * threshold, the fund's share of shop sales, the activity categories, the office's address and phone
 * — one page, one save — then on to inviting the staff; below, the fund's legal holder (its own save).
 */
export default function OfficeSetupPage() {
  const { t } = useI18n();
  return (
    <OfficeLayout title="setup.title">
      {({ communityId, me }) =>
        me.member.roles.includes('admin') ? (
          <>
            <SetupForm communityId={communityId} community={me.community} />
            <FundHolderForm communityId={communityId} holder={me.community.fundHolder} />
          </>
        ) : (
          <EmptyState id="setup-admin-only" title={t('office.adminOnly')} hint={t('office.adminOnlyHint')} />
        )
      }
    </OfficeLayout>
  );
}

interface SetupInput {
  name: string;
  currencyName: string;
  currencyNameEn: string;
  pointsPerHour: string;
  threshold: string;
  fundSharePercent: string;
  categories: ActivityCategoryDefinition[];
  address: string;
  phone: string;
  /** 负责人: named on the office's 志愿服务记录证明. */
  responsiblePerson: string;
}

function setupInput(community: Community): SetupInput {
  const categories = activityCategoriesOf(community.rules);
  return {
    name: community.name,
    currencyName: community.currencyName,
    currencyNameEn: community.currencyNameEn ?? '',
    pointsPerHour: String(community.rules.pointsPerHour),
    threshold: String(community.rules.certificateThresholdPoints),
    fundSharePercent: String(community.rules.fundShareBps / 100),
    // As the community keeps them (the defaults' labels are zh-CN; the app translates them on show).
    categories: categories.map((category) => ({ ...category })),
    address: community.office?.address ?? '',
    phone: community.office?.phone ?? '',
    responsiblePerson: community.office?.responsiblePerson ?? '',
  };
}

/** What the form says, as the change to send, or the first thing to fix. */
export function setupChange(form: SetupInput, t: Translate) {
  const pointsPerHour = parseWholeNumber(form.pointsPerHour, 1, 1000);
  const threshold = parseWholeNumber(form.threshold, 0, 1_000_000);
  const percent = parseWholeNumber(form.fundSharePercent, 0, 100);
  if (!form.name.trim() || !form.currencyName.trim()) return { problem: t('setup.nameRequired') };
  if (pointsPerHour === null) return { problem: t('setup.pointsInvalid') };
  if (threshold === null) return { problem: t('setup.thresholdInvalid') };
  if (percent === null) return { problem: t('setup.shareInvalid') };
  const categories = form.categories.filter((category) => category.label.trim());
  if (categories.length === 0) return { problem: t('setup.categoriesRequired') };
  const responsiblePerson = form.responsiblePerson.trim();
  const office =
    form.address.trim() || form.phone.trim() || responsiblePerson
      ? { address: form.address.trim(), phone: form.phone.trim(), ...(responsiblePerson ? { responsiblePerson } : {}) }
      : undefined;
  if (office && (!office.address || !/^[0-9+\- ]{5,20}$/.test(office.phone)))
    return { problem: t('setup.officeInvalid') };
  return {
    change: {
      name: form.name.trim(),
      currencyName: form.currencyName.trim(),
      // Left empty: English mode shows the Chinese name (null takes away a name given before).
      currencyNameEn: form.currencyNameEn.trim() || null,
      rules: {
        pointsPerHour,
        certificateThresholdPoints: threshold,
        fundShareBps: percent * 100,
        activityCategories: categories.map((category) => ({ id: category.id, label: category.label.trim() })),
      },
      ...(office ? { office } : {}),
    },
  };
}

function SetupForm({ communityId, community }: { communityId: string; community: Community }) {
  const { t } = useI18n();
  const [form, setForm] = useState(() => setupInput(community));
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const set = (change: Partial<SetupInput>) => setForm((previous) => ({ ...previous, ...change }));

  const save = async () => {
    const outcome = setupChange(form, t);
    if ('problem' in outcome) return action.fail(outcome.problem ?? '');
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.updateCommunity, { params: { cid: communityId }, body: outcome.change, idempotencyKey });
      return t('setup.saved');
    });
    setSaved(done);
  };

  return (
    <View className="card" id="setup-form">
      <Text className="card__hint">{t('setup.intro')}</Text>
      <TextField
        id="setup-name"
        label={t('setup.name')}
        value={form.name}
        maxlength={40}
        onChange={(name) => set({ name })}
      />
      <TextField
        id="setup-currency"
        label={t('setup.currency')}
        value={form.currencyName}
        maxlength={12}
        onChange={(currencyName) => set({ currencyName })}
      />
      <TextField
        id="setup-currency-en"
        label={t('setup.currencyEn')}
        hint={t('setup.currencyEnHint')}
        value={form.currencyNameEn}
        maxlength={24}
        onChange={(currencyNameEn) => set({ currencyNameEn })}
      />
      <RulesFields form={form} onChange={set} />
      <CategoriesField categories={form.categories} onChange={(categories) => set({ categories })} />
      <OfficeFields form={form} onChange={set} />
      <SubmitButton id="setup-save" busy={action.busy} onClick={save}>
        {t('setup.save')}
      </SubmitButton>
      <ActionOutcome id="setup" outcome={action.outcome} />
      {saved ? (
        <Button
          className="button button--secondary"
          id="setup-invite"
          onClick={() => openPage(ROUTES.officeInvitations)}
        >
          {t('setup.inviteStaff')}
        </Button>
      ) : null}
    </View>
  );
}

/** The activity categories: rename, remove, add (a new one gets an id of its own). */
function CategoriesField({
  categories,
  onChange,
}: {
  categories: ActivityCategoryDefinition[];
  onChange: (categories: ActivityCategoryDefinition[]) => void;
}) {
  const { t } = useI18n();
  const [added, setAdded] = useState('');
  const add = () => {
    if (!added.trim()) return;
    const taken = new Set(categories.map((category) => category.id));
    let index = categories.length + 1;
    while (taken.has(`own-${index}`)) index += 1;
    onChange([...categories, { id: `own-${index}`, label: added.trim().slice(0, 12) }]);
    setAdded('');
  };
  return (
    <View className="field" id="setup-categories">
      <Text className="field__label">{t('setup.categories')}</Text>
      {categories.map((category, index) => (
        <View className="row" key={category.id} id={`setup-category-${category.id}`}>
          <Input
            {...accessibleName(`${t('setup.categories')} ${index + 1}`)}
            className="field__input row__text"
            value={category.label}
            maxlength={12}
            onInput={(event) =>
              onChange(categories.map((item, at) => (at === index ? { ...item, label: event.detail.value } : item)))
            }
          />
          <Button
            className="button button--small button--secondary"
            onClick={() => onChange(categories.filter((_item, at) => at !== index))}
          >
            {t('setup.removeCategory')}
          </Button>
        </View>
      ))}
      <View className="row">
        <Input
          {...accessibleName(t('setup.newCategory'))}
          className="field__input row__text"
          id="setup-new-category"
          value={added}
          maxlength={12}
          placeholder={t('setup.newCategory')}
          onInput={(event) => setAdded(event.detail.value)}
        />
        <Button className="button button--small" id="setup-add-category" onClick={add}>
          {t('setup.addCategory')}
        </Button>
      </View>
    </View>
  );
}

/** Points per hour, the certificate threshold and the fund's share, in the community's currency. */
function RulesFields({ form, onChange: set }: { form: SetupInput; onChange: (change: Partial<SetupInput>) => void }) {
  const { t } = useI18n();
  const currency = form.currencyName;
  return (
    <>
      <TextField
        id="setup-points"
        label={t('setup.points', { currency })}
        value={form.pointsPerHour}
        numeric
        onChange={(pointsPerHour) => set({ pointsPerHour })}
      />
      <TextField
        id="setup-threshold"
        label={t('setup.threshold', { currency })}
        value={form.threshold}
        numeric
        onChange={(threshold) => set({ threshold })}
      />
      <TextField
        id="setup-share"
        label={t('setup.share')}
        value={form.fundSharePercent}
        numeric
        onChange={(fundSharePercent) => set({ fundSharePercent })}
      />
    </>
  );
}

/** Where the office is, how to reach it, and who signs its certificates (负责人). */
function OfficeFields({ form, onChange }: { form: SetupInput; onChange: (change: Partial<SetupInput>) => void }) {
  const { t } = useI18n();
  const set = onChange;
  return (
    <>
      <TextField
        id="setup-address"
        label={t('setup.address')}
        value={form.address}
        maxlength={100}
        onChange={(address) => set({ address })}
      />
      <TextField
        id="setup-phone"
        label={t('setup.phone')}
        value={form.phone}
        maxlength={20}
        onChange={(phone) => set({ phone })}
      />
      <TextField
        id="setup-responsible"
        label={t('setup.responsiblePerson')}
        value={form.responsiblePerson}
        maxlength={20}
        onChange={(responsiblePerson) => set({ responsiblePerson })}
      />
    </>
  );
}
