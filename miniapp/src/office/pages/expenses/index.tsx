import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, EXPENSE_CATEGORIES, type FundExpense } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import { categoryLabel } from '../../../components/fund-entry-row';
import DecisionQueue, { ApproveOrReject, type Decision } from '../../components/decision-queue';
import OfficeLayout from '../../components/office-layout';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { parsePositiveYuan } from '../../../format/fund';
import { formatYuan } from '../../../format/market';
import { formatDateTime } from '../../../format/time';
import { useAction } from '../../../hooks/action';
import { useI18n } from '../../../i18n';

type Category = (typeof EXPENSE_CATEGORIES)[number];

/** 基金支出: submit an expense with its purpose and receipt; another staff member approves or rejects it. */
export default function OfficeExpensesPage() {
  return (
    <OfficeLayout title="office.expenses">{({ communityId }) => <Expenses communityId={communityId} />}</OfficeLayout>
  );
}

function Expenses({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  return (
    <DecisionQueue
      communityId={communityId}
      listId="fund-expenses"
      listKey={`fund-expenses:${communityId}`}
      loadPage={(cursor) =>
        request(contracts.listFundExpenses, { params: { cid: communityId }, query: { status: 'pending', cursor } })
      }
      empty="expenses.empty"
      leaveAfterMilliseconds={800}
      header={({ reload }) => (
        <>
          <ExpenseForm communityId={communityId} onSubmitted={reload} />
          <Text className="section-title">{t('expenses.pending')}</Text>
          <Text className="card__hint">{t('expenses.fourEyes')}</Text>
        </>
      )}
      renderItem={(expense, decision) => <ExpenseCard expense={expense} decision={decision} />}
    />
  );
}

function ExpenseForm({ communityId, onSubmitted }: { communityId: string; onSubmitted: () => void }) {
  const { t } = useI18n();
  const [amount, setAmount] = useState('');
  const [purpose, setPurpose] = useState('');
  const [category, setCategory] = useState<Category>('elderly_care');
  const [receiptUrl, setReceiptUrl] = useState('');
  const action = useAction();

  const submit = async () => {
    const amountFen = parsePositiveYuan(amount);
    const receipt = receiptUrl.trim();
    if (amountFen === null) return action.fail(t('donate.amountInvalid'));
    if (!purpose.trim()) return action.fail(t('expenses.purposeRequired'));
    if (receipt && !/^https:\/\/\S+$/.test(receipt)) return action.fail(t('expenses.receiptInvalid'));
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.submitFundExpense, {
        params: { cid: communityId },
        body: { amountFen, purpose: purpose.trim(), category, ...(receipt ? { receiptUrl: receipt } : {}) },
        idempotencyKey,
      });
      return t('expenses.submitted', { amount: formatYuan(amountFen) });
    });
    if (done) {
      setAmount('');
      setPurpose('');
      setReceiptUrl('');
      onSubmitted();
    }
  };

  return (
    <View className="card" id="expense-form">
      <Text className="card__label">{t('expenses.new')}</Text>
      <TextField id="expense-amount" label={t('donate.amount')} value={amount} maxlength={10} onChange={setAmount} />
      <TextField
        id="expense-purpose"
        label={t('expenses.purpose')}
        value={purpose}
        maxlength={200}
        onChange={setPurpose}
      />
      <Text className="field__label">{t('expenses.category')}</Text>
      <ChoiceTabs
        idPrefix="expense-category"
        choices={EXPENSE_CATEGORIES.map((value) => ({ value, label: categoryLabel(t, value) }))}
        value={category}
        onChange={setCategory}
      />
      <TextField
        id="expense-receipt"
        label={t('expenses.receipt')}
        placeholder="https://"
        value={receiptUrl}
        maxlength={300}
        onChange={setReceiptUrl}
      />
      <SubmitButton id="expense-submit" busy={action.busy} onClick={submit}>
        {t('expenses.submit')}
      </SubmitButton>
      <ActionOutcome id="expense" outcome={action.outcome} />
    </View>
  );
}

function ExpenseCard({ expense, decision }: { expense: FundExpense; decision: Decision }) {
  const { t, language } = useI18n();
  const params = { cid: decision.communityId, id: expense.id };
  return (
    <View className="card expense" id={`expense-${expense.id}`}>
      <View className="row">
        <Text className="card__value row__text">{expense.purpose}</Text>
        <Text className="points">{formatYuan(expense.amountFen)}</Text>
      </View>
      <View className="tags">
        <Text className="tag tag--plain">{categoryLabel(t, expense.category)}</Text>
      </View>
      {expense.receiptUrl ? <Text className="card__hint hash">{expense.receiptUrl}</Text> : null}
      <Text className="card__hint">{formatDateTime(expense.createdAt, language)}</Text>
      <ApproveOrReject
        name="expense"
        itemId={expense.id}
        labels={{
          approve: t('expenses.approve'),
          reject: t('expenses.reject'),
          rejectPlaceholder: t('expenses.rejectPlaceholder'),
        }}
        busy={decision.busy}
        onApprove={() =>
          decision.decide(() => request(contracts.approveFundExpense, { params }), t('expenses.approved'))
        }
        onReject={(reason) =>
          decision.decide(
            () => request(contracts.rejectFundExpense, { params, body: { reason } }),
            t('expenses.rejected'),
          )
        }
      />
      <ActionOutcome id={`expense-${expense.id}`} outcome={decision.outcome} />
    </View>
  );
}
