import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CONSENT_TEXTS, contracts, type Order, type PaymentInstruction, type Pledge } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import CheckRow from '../../../components/check-row';
import DonationReceipt from '../../../components/donation-receipt';
import EmptyState from '../../../components/empty-state';
import FundHolderCard from '../../../components/fund-holder-card';
import OrderPayment from '../../../components/order-payment';
import OrderSummary from '../../../components/order-summary';
import PageLayout from '../../../components/page-layout';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { parsePositiveYuan } from '../../../format/fund';
import { formatYuan, parseWholeNumber } from '../../../format/market';
import { useAction } from '../../../hooks/action';
import { useSession } from '../../../state/session';
import { useI18n } from '../../../i18n';

/**
 * 我要捐款: the charity that receives the money (the fund's legal holder), a one-off donation paid like
 * an order, and 月月捐 (a monthly pledge) with my pledges. Without a holder valid today the page says
 * why online donations are closed and shows no form (慈善法).
 */
export default function DonatePage() {
  const { communityId } = useSession();
  const cid = communityId ?? '';
  const fund = useApi(cid ? `fund-holder:${cid}` : null, () => request(contracts.getFund, { params: { cid } }));
  const open = fund.data?.donationsOpen === true;
  return (
    <PageLayout title="donate.title" requires="community">
      {cid && fund.data ? (
        <>
          <FundHolderCard holder={fund.data.holder} open={open} />
          {open ? <DonateForm communityId={cid} /> : <DonationsClosed />}
          <Pledges communityId={cid} open={open} />
        </>
      ) : null}
    </PageLayout>
  );
}

function DonationsClosed() {
  const { t } = useI18n();
  return <EmptyState id="donate-closed" title={t('donate.closed')} hint={t('donate.closedHint')} />;
}

function DonateForm({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const [amount, setAmount] = useState('');
  const [message, setMessage] = useState('');
  const [publishName, setPublishName] = useState(false);
  const [order, setOrder] = useState<Order>();
  const [payment, setPayment] = useState<PaymentInstruction>();
  const action = useAction();

  const donate = async () => {
    const amountFen = parsePositiveYuan(amount);
    if (amountFen === null) return action.fail(t('donate.amountInvalid'));
    const text = message.trim();
    await action.run(async (idempotencyKey) => {
      const { payment, ...created } = await request(contracts.donate, {
        params: { cid: communityId },
        body: { amountFen, publishName, ...(text ? { message: text } : {}) },
        idempotencyKey,
      });
      setPayment(payment);
      setOrder(created);
      return t('donate.created');
    });
  };

  return (
    <View className="card" id="donate-form">
      <Text className="card__label">{t('donate.once')}</Text>
      <TextField
        id="donate-amount"
        label={t('donate.amount')}
        value={amount}
        placeholder="50"
        maxlength={10}
        onChange={setAmount}
      />
      <TextField
        id="donate-message"
        label={t('donate.message')}
        value={message}
        maxlength={100}
        onChange={setMessage}
      />
      <PublishNameChoice id="donate-publish-name" checked={publishName} onChange={setPublishName} />
      {order ? (
        <DonationOrder
          communityId={communityId}
          order={order}
          payment={payment}
          onChanged={(changed) => {
            setOrder(changed);
            // 请付款 was about the order just made: once it is paid the payment's own outcome says so.
            if (changed.status !== 'pending_payment') action.clear();
          }}
        />
      ) : (
        <SubmitButton id="donate-submit" busy={action.busy} onClick={donate}>
          {t('donate.submit')}
        </SubmitButton>
      )}
      {order && order.status !== 'pending_payment' ? (
        <DonateAgain
          onClick={() => {
            setOrder(undefined);
            setAmount('');
            action.clear();
          }}
        />
      ) : null}
      <ActionOutcome id="donate" outcome={action.outcome} />
    </View>
  );
}

/** The donation just made: its summary, the held-message hint, payment and the receipt request. */
function DonationOrder({
  communityId,
  order,
  payment,
  onChanged,
}: {
  communityId: string;
  order: Order;
  payment: PaymentInstruction | undefined;
  onChanged: (order: Order) => void;
}) {
  return (
    <OrderSummary order={order}>
      {order.heldMessage ? <MessageHeldHint /> : null}
      <OrderPayment communityId={communityId} order={order} payment={payment} onChanged={onChanged} />
      <DonationReceipt
        communityId={communityId}
        order={order}
        onChanged={() => reloadOrder(communityId, order, onChanged)}
      />
    </OrderSummary>
  );
}

function DonateAgain({ onClick }: { onClick: () => void }) {
  const { t } = useI18n();
  return (
    <Button id="donate-again" className="button button--secondary" onClick={onClick}>
      {t('donate.again')}
    </Button>
  );
}

/** The donation as it is now (after asking for its receipt). */
function reloadOrder(communityId: string, order: Order, setOrder: (order: Order) => void) {
  const params = { cid: communityId, oid: order.id };
  void request(contracts.getOrder, { params }).then(setOrder, () => undefined);
}

function Pledges({ communityId, open }: { communityId: string; open: boolean }) {
  const { t } = useI18n();
  const pledges = useApi(`my-pledges:${communityId}`, () =>
    request(contracts.listMyPledges, { params: { cid: communityId } }),
  );
  return (
    <>
      {open ? <PledgeForm communityId={communityId} onCreated={pledges.reload} /> : null}
      <Text className="section-title">{t('pledge.mine')}</Text>
      {pledges.error ? <Text className="form-error">{t('pledge.unavailable')}</Text> : null}
      {pledges.data?.items.length === 0 ? <EmptyState id="pledges-empty" title={t('pledge.empty')} /> : null}
      <View className="list" id="my-pledges">
        {pledges.data?.items.map((pledge) => (
          <PledgeCard key={pledge.id} communityId={communityId} pledge={pledge} onChanged={pledges.reload} />
        ))}
      </View>
    </>
  );
}

/** The donor's message waits for the office's review: said at once, so it does not just vanish. */
function MessageHeldHint() {
  const { t } = useI18n();
  return (
    <Text className="card__hint" id="donate-message-held">
      {t('donate.messageHeld')}
    </Text>
  );
}

/**
 * 公示我的名字: off unless the donor ticks it; ticked, the consent's own words show beside it (the
 * choice is recorded as their `donor_name_public` consent, withdrawable under 我的 → 隐私).
 */
function PublishNameChoice({
  id,
  checked,
  onChange,
}: {
  id: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  const { t, language } = useI18n();
  return (
    <>
      <CheckRow id={id} label={t('donate.publishName')} checked={checked} onChange={onChange} />
      <Text className="card__hint" id={`${id}-text`}>
        {checked ? CONSENT_TEXTS.donor_name_public[language] : t('donate.anonymousByDefault')}
      </Text>
    </>
  );
}

function PledgeForm({ communityId, onCreated }: { communityId: string; onCreated: () => void }) {
  const { t } = useI18n();
  const [amount, setAmount] = useState('');
  const [day, setDay] = useState('1');
  const [publishName, setPublishName] = useState(false);
  const action = useAction();

  const create = async () => {
    const amountFen = parsePositiveYuan(amount);
    const dayOfMonth = parseWholeNumber(day, 1, 28);
    if (amountFen === null) return action.fail(t('donate.amountInvalid'));
    if (dayOfMonth === null) return action.fail(t('pledge.dayInvalid'));
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.createPledge, {
        params: { cid: communityId },
        body: { amountFen, dayOfMonth, publishName },
        idempotencyKey,
      });
      return t('pledge.created', { amount: formatYuan(amountFen), day: dayOfMonth });
    });
    if (done) {
      setAmount('');
      onCreated();
    }
  };

  return (
    <View className="card" id="pledge-form">
      <Text className="card__label">{t('pledge.title')}</Text>
      <Text className="card__hint">{t('pledge.hint')}</Text>
      <TextField
        id="pledge-amount"
        label={t('pledge.amount')}
        value={amount}
        placeholder="20"
        maxlength={10}
        onChange={setAmount}
      />
      <TextField id="pledge-day" label={t('pledge.day')} value={day} numeric maxlength={2} onChange={setDay} />
      <PublishNameChoice id="pledge-publish-name" checked={publishName} onChange={setPublishName} />
      <SubmitButton id="pledge-submit" busy={action.busy} onClick={create}>
        {t('pledge.submit')}
      </SubmitButton>
      <ActionOutcome id="pledge" outcome={action.outcome} />
    </View>
  );
}

function PledgeCard({
  communityId,
  pledge,
  onChanged,
}: {
  communityId: string;
  pledge: Pledge;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const change = async (choice: 'pause' | 'resume' | 'cancel') => {
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.changePledge, {
        params: { cid: communityId, pledgeId: pledge.id },
        body: { action: choice },
        idempotencyKey,
      });
      return t(`pledge.done.${choice}`);
    });
    if (done) onChanged();
  };
  const choices: ('pause' | 'resume' | 'cancel')[] =
    pledge.status === 'active' ? ['pause', 'cancel'] : pledge.status === 'paused' ? ['resume', 'cancel'] : [];
  return (
    <View className="card pledge" id={`pledge-${pledge.id}`}>
      <View className="row">
        <Text className="card__value row__text">
          {t('pledge.summary', { amount: formatYuan(pledge.amountFen), day: pledge.dayOfMonth })}
        </Text>
        <Text className="tag pledge__status">{t(`pledge.status.${pledge.status}`)}</Text>
      </View>
      <Text className="card__hint">{t(pledge.anonymous ? 'donate.anonymous' : 'donate.named')}</Text>
      <View className="row">
        {choices.map((choice) => (
          <Button
            key={choice}
            id={`pledge-${choice}-${pledge.id}`}
            className={
              choice === 'cancel' ? 'button button--danger button--small' : 'button button--secondary button--small'
            }
            onClick={() => change(choice)}
          >
            {t(`pledge.action.${choice}`)}
          </Button>
        ))}
      </View>
      <ActionOutcome id={`pledge-${pledge.id}`} outcome={action.outcome} />
    </View>
  );
}
