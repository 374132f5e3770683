import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, isValidCreditCode, type Order } from '@linli/shared';
import { request } from '../../api';
import { useAction } from '../../hooks/action';
import { useI18n } from '../../i18n';
import ActionOutcome from '../action-outcome';
import SubmitButton from '../submit-button';
import TextField from '../text-field';

const PAID: readonly Order['status'][] = ['paid', 'ready_for_pickup', 'shipped', 'completed'];

/**
 * 申请捐赠票据 under a paid donation: the request's status once made (with the receipt's number when
 * issued), else a small form — the name or unit it is made out to, and a unit's 统一社会信用代码.
 */
export default function DonationReceipt({
  communityId,
  order,
  onChanged,
}: {
  communityId: string;
  order: Order;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const request_ = order.receiptRequest;
  if (order.kind !== 'donation') return null;
  if (request_ && request_.status !== 'rejected') {
    return (
      <Text className="tag order__receipt" id={`order-${order.id}-receipt`}>
        {t(`receipt.status.${request_.status}`)}
        {request_.receiptNo ? ` · ${t('receipt.number', { number: request_.receiptNo })}` : ''}
      </Text>
    );
  }
  if (!PAID.includes(order.status)) return null;
  return (
    <View className="order__receipt">
      {request_ ? (
        <Text className="card__hint" id={`order-${order.id}-receipt`}>
          {t('receipt.status.rejected')}
        </Text>
      ) : null}
      {open ? (
        <ReceiptForm communityId={communityId} orderId={order.id} onDone={onChanged} />
      ) : (
        <Button id={`order-${order.id}-ask-receipt`} className="button button--secondary" onClick={() => setOpen(true)}>
          {t('receipt.ask')}
        </Button>
      )}
    </View>
  );
}

function ReceiptForm({ communityId, orderId, onDone }: { communityId: string; orderId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [payerName, setPayerName] = useState('');
  const [taxId, setTaxId] = useState('');
  const action = useAction();
  const submit = async () => {
    const name = payerName.trim();
    const code = taxId.trim().toUpperCase();
    if (!name) return action.fail(t('receipt.payerRequired'));
    if (code && !isValidCreditCode(code)) return action.fail(t('receipt.taxIdInvalid'));
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.requestDonationReceipt, {
        params: { cid: communityId },
        body: { orderId, payerName: name, ...(code ? { taxId: code } : {}) },
        idempotencyKey,
      });
      return t('receipt.requested');
    });
    if (done) onDone();
    return undefined;
  };
  return (
    <View id={`receipt-form-${orderId}`}>
      <TextField
        id={`receipt-payer-${orderId}`}
        label={t('receipt.payerName')}
        value={payerName}
        maxlength={60}
        onChange={setPayerName}
      />
      <TextField
        id={`receipt-tax-id-${orderId}`}
        label={t('receipt.taxId')}
        value={taxId}
        maxlength={18}
        onChange={setTaxId}
      />
      <Text className="card__hint">{t('receipt.hint')}</Text>
      <SubmitButton id={`receipt-submit-${orderId}`} busy={action.busy} onClick={submit}>
        {t('receipt.submit')}
      </SubmitButton>
      <ActionOutcome id={`receipt-${orderId}`} outcome={action.outcome} />
    </View>
  );
}
