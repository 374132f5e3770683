import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type ReceiptRequest } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import DecisionQueue, { type Decision } from '../../components/decision-queue';
import OfficeLayout from '../../components/office-layout';
import ReasonPrompt from '../../components/reason-prompt';
import { formatYuan } from '../../../format/market';
import { formatDateTime } from '../../../format/time';
import { useI18n } from '../../../i18n';

type Status = ReceiptRequest['status'];
const STATUSES: readonly Status[] = ['requested', 'issued', 'rejected', 'void'];
/** The number printed on the receipt (票据号码), as the API takes it. */
const RECEIPT_NO = /^[0-9A-Za-z-]{1,40}$/;

/**
 * 捐赠票据: donors' receipt requests, oldest first — issue one with the receipt's number, or reject it
 * with a reason (the donor is told either way) — and those issued, rejected or voided by a refund.
 */
export default function OfficeReceiptsPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<Status>('requested');
  return (
    <OfficeLayout title="receipts.title">
      {({ communityId }) => (
        <>
          <Text className="card__hint">{t('receipts.intro')}</Text>
          <ChoiceTabs
            idPrefix="receipts-status"
            value={status}
            onChange={setStatus}
            choices={STATUSES.map((value) => ({ value, label: t(`receipt.status.${value}`) }))}
          />
          <DecisionQueue
            key={status}
            communityId={communityId}
            listId={`receipts-${status}-list`}
            listKey={`receipts:${status}:${communityId}`}
            loadPage={(cursor) =>
              request(contracts.listReceiptRequests, { params: { cid: communityId }, query: { status, cursor } })
            }
            empty="receipts.empty"
            renderItem={(item, decision) => <ReceiptRequestCard key={item.id} item={item} decision={decision} />}
          />
        </>
      )}
    </OfficeLayout>
  );
}

export function ReceiptRequestCard({ item, decision }: { item: ReceiptRequest; decision: Decision }) {
  const { t, language } = useI18n();
  return (
    <View className="card" id={`receipt-request-${item.id}`}>
      <View className="row">
        <Text className="card__value row__text">{item.payerName}</Text>
        <Text className="tag">{t(`receipt.status.${item.status}`)}</Text>
      </View>
      {item.taxId ? <Text className="card__hint">{t('receipts.taxId', { code: item.taxId })}</Text> : null}
      <Text className="points">{formatYuan(item.amountFen)}</Text>
      <Text className="card__hint">{t('receipts.donatedAt', { time: formatDateTime(item.donatedAt, language) })}</Text>
      <Text className="card__hint">{t('receipts.holder', { name: item.holderName, code: item.holderCreditCode })}</Text>
      {item.receiptNo ? <Text>{t('receipt.number', { number: item.receiptNo })}</Text> : null}
      {item.reason ? <Text className="card__hint">{t('receipts.reason', { reason: item.reason })}</Text> : null}
      {item.status === 'requested' ? <Decide item={item} decision={decision} /> : null}
    </View>
  );
}

function Decide({ item, decision }: { item: ReceiptRequest; decision: Decision }) {
  const { t } = useI18n();
  const [receiptNo, setReceiptNo] = useState('');
  const params = { cid: decision.communityId, requestId: item.id };
  const issue = async () => {
    const number = receiptNo.trim();
    if (!RECEIPT_NO.test(number)) return decision.fail(t('receipts.numberInvalid'));
    await decision.decide(
      () => request(contracts.issueDonationReceipt, { params, body: { receiptNo: number } }),
      t('receipts.issued'),
    );
    return undefined;
  };
  const reject = (reason: string) =>
    decision.decide(
      () => request(contracts.rejectReceiptRequest, { params, body: { reason } }),
      t('receipts.rejected'),
    );
  return (
    <>
      <TextField
        id={`receipt-number-${item.id}`}
        label={t('receipts.number')}
        value={receiptNo}
        maxlength={40}
        onChange={setReceiptNo}
      />
      <SubmitButton id={`receipt-issue-${item.id}`} busy={decision.busy} onClick={issue}>
        {t('receipts.issue')}
      </SubmitButton>
      <ReasonPrompt
        id={`receipt-reject-${item.id}`}
        label={t('receipts.reject')}
        placeholder={t('receipts.reasonPlaceholder')}
        danger
        busy={decision.busy}
        onConfirm={reject}
      />
      <ActionOutcome id={`receipt-request-${item.id}`} outcome={decision.outcome} />
    </>
  );
}
