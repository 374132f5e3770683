import { Button, Image, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { contracts, type Invitation, type Role } from '@linli/shared';
import { newIdempotencyKey, request } from '../../../api';
import { downloadInvitationCode } from '../../../api/download';
import ChoiceTabs from '../../../components/choice-tabs';
import QrView from '../../../components/qr-view';
import SubmitButton from '../../../components/submit-button';
import OfficeLayout from '../../components/office-layout';
import { parseWholeNumber } from '../../../format/market';
import { describeError, useI18n } from '../../../i18n';
import './index.scss';
import { accessibleName } from '../../../components/accessible-name';

type Invitee = 'resident' | 'staff';

/**
 * 邀请加入: staff invite residents, admins also invite staff. The invitation is shown as a code to
 * scan — in the H5 console a QR code of the link to the invite page; in the mini-program WeChat's
 * own mini-program code (小程序码, `GET …/invitations/{code}/wxacode`), which WeChat's scanner
 * opens as the mini-program — and as text.
 */
export default function OfficeInvitationsPage() {
  return (
    <OfficeLayout title="office.invitations">
      {({ communityId, me }) => (
        <InvitationForm communityId={communityId} isAdmin={me.member.roles.includes('admin')} />
      )}
    </OfficeLayout>
  );
}

/** Where the invitation opens: the H5 app's invite page (hash router), or the mini-program page. */
export function invitationAddress(invitation: Invitation, location?: { origin: string; pathname: string }): string {
  if (process.env.TARO_ENV === 'h5' && location) {
    return `${location.origin}${location.pathname}#${invitation.link.h5Path}`;
  }
  return `${invitation.link.page}?scene=${invitation.link.scene}`;
}

function InvitationForm({ communityId, isAdmin }: { communityId: string; isAdmin: boolean }) {
  const { t } = useI18n();
  const [invitee, setInvitee] = useState<Invitee>('resident');
  const [uses, setUses] = useState('1');
  const [days, setDays] = useState('7');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [invitation, setInvitation] = useState<Invitation>();

  const create = async () => {
    const maxUses = parseWholeNumber(uses, 1, 1000);
    const validDays = parseWholeNumber(days, 1, 90);
    if (maxUses === null) return setProblem(t('invitations.usesInvalid'));
    if (validDays === null) return setProblem(t('invitations.daysInvalid'));
    setBusy(true);
    setProblem(undefined);
    try {
      const roles: Role[] = invitee === 'staff' ? ['resident', 'staff'] : ['resident'];
      const expiresAt = new Date(Date.now() + validDays * 24 * 3600 * 1000).toISOString();
      setInvitation(
        await request(contracts.createInvitation, {
          params: { cid: communityId },
          body: { roles, maxUses, expiresAt },
          idempotencyKey: newIdempotencyKey(),
        }),
      );
    } catch (error) {
      setProblem(describeError(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <View className="card" id="invitation-form">
        <Text className="card__hint">{t('invitations.intro')}</Text>
        <View className="field">
          <Text className="field__label">{t('invitations.who')}</Text>
          <ChoiceTabs
            idPrefix="invitation-role"
            value={invitee}
            onChange={(value) => setInvitee(value as Invitee)}
            choices={[
              { value: 'resident', label: t('invitations.resident') },
              ...(isAdmin ? [{ value: 'staff', label: t('invitations.staff') }] : []),
            ]}
          />
        </View>
        <NumberField id="invitation-uses" label={t('invitations.uses')} value={uses} onChange={setUses} />
        <NumberField id="invitation-days" label={t('invitations.days')} value={days} onChange={setDays} />
        {problem ? (
          <Text className="form-error" id="invitation-form-error">
            {problem}
          </Text>
        ) : null}
        <SubmitButton id="invitation-create" busy={busy} onClick={create}>
          {t('invitations.create')}
        </SubmitButton>
      </View>
      {invitation ? <CreatedInvitation communityId={communityId} invitation={invitation} /> : null}
    </>
  );
}

function NumberField(props: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  return (
    <View className="field">
      <Text className="field__label">{props.label}</Text>
      <Input
        {...accessibleName(props.label)}
        className="field__input"
        id={props.id}
        type="number"
        value={props.value}
        onInput={(event) => props.onChange(event.detail.value)}
      />
    </View>
  );
}

/** The invitation as a code to scan (a mini-program code on weapp, a QR code of its URL on H5), its address and its code. */
function CreatedInvitation({ communityId, invitation }: { communityId: string; invitation: Invitation }) {
  const { t } = useI18n();
  const address = invitationAddress(invitation, typeof window === 'undefined' ? undefined : window.location);
  return (
    <View className="card" id="invitation-created">
      <Text className="card__value">
        {t('invitations.created', { uses: invitation.maxUses, until: invitation.expiresAt.slice(0, 10) })}
      </Text>
      {process.env.TARO_ENV === 'weapp' ? (
        <MiniProgramCode communityId={communityId} code={invitation.code} />
      ) : (
        <QrView value={address} id="invitation-qr" />
      )}
      <Text className="card__hint" id="invitation-link" userSelect>
        {address}
      </Text>
      <Text className="card__hint">
        {t('invitations.code')}：
        <Text id="invitation-code" userSelect>
          {invitation.code}
        </Text>
      </Text>
    </View>
  );
}

/** WeChat's mini-program code for the invitation, fetched once (and again on request) from the API. */
function MiniProgramCode({ communityId, code }: { communityId: string; code: string }) {
  const { t } = useI18n();
  const [image, setImage] = useState<string>();
  const [problem, setProblem] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setImage(undefined);
    setProblem(undefined);
    downloadInvitationCode(communityId, code).then(
      (path) => current && setImage(path),
      (error: unknown) => current && setProblem(error ?? new Error('failed')),
    );
    return () => {
      current = false;
    };
  }, [communityId, code, attempt]);

  if (problem) {
    return (
      <View id="invitation-wxacode-error">
        <Text className="form-error">{describeError(t, problem)}</Text>
        <Button className="button" id="invitation-wxacode-retry" onClick={() => setAttempt(attempt + 1)}>
          {t('invitations.wxacodeRetry')}
        </Button>
      </View>
    );
  }
  if (!image) return <Text className="card__hint">{t('invitations.wxacodeLoading')}</Text>;
  return (
    <View className="invitation-wxacode">
      <Image
        className="invitation-wxacode__image"
        id="invitation-wxacode"
        src={image}
        mode="aspectFit"
        showMenuByLongpress
      />
      <Text className="card__hint">{t('invitations.wxacodeHint')}</Text>
    </View>
  );
}
