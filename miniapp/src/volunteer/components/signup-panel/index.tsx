import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type Activity, type MySignup, type UnmetRequirement } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import SubmitButton from '../../../components/submit-button';
import { formatDateTime } from '../../../format/time';
import { useAction } from '../../../hooks/action';
import { useSubscribeMessages } from '../../../hooks/subscribe-messages';
import { useI18n, type Translate } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';

/** A position (岗位) as the panel lists it; the whole activity when it has none. */
interface Place {
  id: string | undefined;
  name: string;
  capacity: number | undefined;
  confirmed: number;
  waitlisted: number;
}

function placesOf(t: Translate, activity: Activity): Place[] {
  if (activity.positions?.length) {
    return activity.positions.map(({ id, name, capacity, confirmed, waitlisted }) => ({
      id,
      name,
      capacity,
      confirmed,
      waitlisted,
    }));
  }
  const counts = activity.signups ?? { confirmed: 0, waitlisted: 0 };
  return [{ id: undefined, name: t('signup.places'), capacity: activity.capacity, ...counts }];
}

/** `剩余 3 个名额`, `已满，候补 2 人`, or `已报名 12 人（不限人数）`. */
function placeText(t: Translate, place: Place): string {
  if (place.capacity === undefined) return t('signup.unlimited', { count: place.confirmed });
  const left = place.capacity - place.confirmed;
  return left > 0 && place.waitlisted === 0
    ? t('signup.left', { left, capacity: place.capacity })
    : t('signup.full', { capacity: place.capacity, waiting: place.waitlisted });
}

function stateText(t: Translate, signup: MySignup): string {
  if (signup.checkedIn) return t('signup.state.checkedIn');
  if (signup.status === 'waitlisted') return t('signup.state.waitlisted', { place: signup.waitlistPosition ?? 1 });
  if (signup.status === 'cancelled') return t('signup.state.cancelled');
  return signup.positionName
    ? t('signup.state.confirmedAs', { position: signup.positionName })
    : t('signup.state.confirmed');
}

/**
 * 报名 on the activity page: the places left in each position (岗位), the member's own state
 * (已报名, 候补第 n 位, 已签到) and 报名 / 取消报名 — cancelling asks once more. `onChanged`
 * reloads the activity (its counts) after each action.
 */
export default function SignupPanel(props: { communityId: string; activity: Activity; onChanged: () => void }) {
  const { communityId, activity, onChanged } = props;
  const { t } = useI18n();
  const params = { cid: communityId, aid: activity.id };
  const mine = useApi(`my-signup:${communityId}:${activity.id}`, () => request(contracts.getMySignup, { params }));
  const action = useAction();
  const askToNotify = useSubscribeMessages();
  const [confirming, setConfirming] = useState(false);
  const signup = mine.data?.signup ?? null;
  const active = signup !== null && signup.status !== 'cancelled';
  const closesAt = activity.signupClosesAt ?? activity.startsAt;
  const open = activity.status === 'scheduled' && Date.now() < Date.parse(closesAt);
  const places = placesOf(t, activity);
  const after = (done: boolean) => {
    if (!done) return;
    setConfirming(false);
    mine.reload();
    onChanged();
  };
  const signUp = async (positionId: string | undefined) => {
    askToNotify(['activity_reminder', 'signup_promoted']);
    after(
      await action.run(async (key) => {
        const reply = await request(contracts.signUp, {
          params,
          body: positionId ? { positionId } : {},
          idempotencyKey: key,
        });
        return reply.signup.status === 'confirmed' ? t('signup.done') : t('signup.doneWaitlisted');
      }),
    );
  };
  const cancel = async () =>
    after(
      await action.run(async (key) => {
        const reply = await request(contracts.cancelSignup, { params, idempotencyKey: key });
        return reply.signup.status === 'cancelled' ? t('signup.cancelled') : '';
      }),
    );

  return (
    <View className="card" id="signup-panel">
      <Text className="card__label">{t('signup.title')}</Text>
      {activity.signupRequired ? <Text className="card__hint">{t('signup.requiredHint')}</Text> : null}
      <Requirements activity={activity} unmet={active ? [] : (mine.data?.unmet ?? [])} />
      {places.map((place) => (
        <PlaceRow
          key={place.id ?? 'all'}
          place={place}
          canSignUp={open && !active && mine.data !== undefined && mine.data.unmet.length === 0}
          onSignUp={signUp}
        />
      ))}
      {signup ? (
        <Text className={active ? 'result-good' : 'card__hint'} id="signup-state">
          {stateText(t, signup)}
        </Text>
      ) : null}
      <ClosingLine open={open} closesAt={closesAt} showClosed={activity.status === 'scheduled' && !active} />
      {active && !signup.checkedIn && Date.now() < Date.parse(activity.endsAt) ? (
        <CancelControl busy={action.busy} confirming={confirming} onConfirming={setConfirming} onCancel={cancel} />
      ) : null}
      <ActionOutcome id="signup" outcome={action.outcome} />
    </View>
  );
}

function PlaceRow({
  place,
  canSignUp,
  onSignUp,
}: {
  place: Place;
  canSignUp: boolean;
  onSignUp: (positionId: string | undefined) => void;
}) {
  const { t } = useI18n();
  return (
    <View className="row" id={`signup-place-${place.id ?? 'all'}`}>
      <Text className="row__text">{place.name}</Text>
      <Text className="card__hint">{placeText(t, place)}</Text>
      {canSignUp ? (
        <Button className="button button--small" id={`signup-${place.id ?? 'all'}`} onClick={() => onSignUp(place.id)}>
          {t('signup.action')}
        </Button>
      ) : null}
    </View>
  );
}

/** 取消报名, asked twice: the first press shows "确定取消报名" beside "不取消". */
function CancelControl(props: {
  busy: boolean;
  confirming: boolean;
  onConfirming: (confirming: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  if (!props.confirming) {
    return (
      <Button className="button button--danger" id="signup-cancel" onClick={() => props.onConfirming(true)}>
        {t('signup.cancel')}
      </Button>
    );
  }
  return (
    <View className="row">
      <SubmitButton id="signup-cancel-confirm" busy={props.busy} onClick={props.onCancel}>
        {t('signup.cancelConfirm')}
      </SubmitButton>
      <Button className="button button--secondary" id="signup-cancel-back" onClick={() => props.onConfirming(false)}>
        {t('signup.keep')}
      </Button>
    </View>
  );
}

/** 报名截止：… while open; 报名已截止 once closed (for someone not signed up). */
function ClosingLine({ open, closesAt, showClosed }: { open: boolean; closesAt: string; showClosed: boolean }) {
  const { t, language } = useI18n();
  if (open)
    return <Text className="card__hint">{t('signup.closesAt', { at: formatDateTime(closesAt, language) })}</Text>;
  if (!showClosed) return null;
  return (
    <Text className="card__hint" id="signup-closed">
      {t('signup.closed')}
    </Text>
  );
}

/** 报名条件 in words, what the member's profile still lacks, and the way to complete it. */
function Requirements({ activity, unmet }: { activity: Activity; unmet: UnmetRequirement[] }) {
  const { t } = useI18n();
  const wants = activity.requirements;
  if (!wants) return null;
  const needs = [
    ...(wants.minAge ? [t('signup.needs.minAge', { age: wants.minAge })] : []),
    ...(wants.skills ?? []).map((skill) => t('signup.needs.skill', { skill })),
    ...(wants.insurance ? [t('signup.needs.insurance')] : []),
  ];
  return (
    <>
      <Text className="card__hint" id="signup-needs">
        {t('signup.needs', { needs: needs.join('；') })}
      </Text>
      {unmet.length > 0 ? (
        <>
          <Text className="form-error" id="signup-unmet">
            {t('signup.unmet', {
              unmet: unmet.map((one) => t(`signup.unmet.${one.requirement}`, { need: one.need ?? '' })).join('；'),
            })}
          </Text>
          <Button
            className="button button--secondary"
            id="signup-fill-profile"
            onClick={() => openPage(ROUTES.volunteerProfile)}
          >
            {t('signup.fillProfile')}
          </Button>
        </>
      ) : null}
    </>
  );
}
