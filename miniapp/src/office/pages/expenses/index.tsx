import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  contracts,
  EXPENSE_CATEGORIES,
  type FundExpense,
  type FundExpenseRequest,
  type ImageView,
} from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import { categoryLabel } from '../../../components/fund-entry-row';
import ImageGallery from '../../../components/image-gallery';
import ImageUploader from '../../../components/image-uploader';
import DecisionQueue, { ApproveOrReject, type Decision } from '../../components/decision-queue';
import OfficeLayout from '../../components/office-layout';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { parsePositiveYuan } from '../../../format/fund';
import { formatYuan } from '../../../format/market';
import { formatDateTime } from '../../../format/time';
import { useAction } from '../../../hooks/action';
import { useI18n, type Translate } from '../../../i18n';

type Category = (typeof EXPENSE_CATEGORIES)[number];

/**
 * 基金支出: submit an expense with its purpose and receipt (a photo, shown on the public fund page, and/or
 * an e-invoice link); another staff member approves or rejects it.
 */
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

interface ExpenseInput {
  amount: string;
  purpose: string;
  category: Category;
  receiptUrl: string;
  receipt: ImageView[];
}
const EMPTY: ExpenseInput = { amount: '', purpose: '', category: 'elderly_care', receiptUrl: '', receipt: [] };

/** The expense the form describes, or the first thing to fix. */
function expenseFromForm(form: ExpenseInput, t: Translate): FundExpenseRequest | { problem: string } {
  const amountFen = parsePositiveYuan(form.amount);
  const purpose = form.purpose.trim();
  const receiptUrl = form.receiptUrl.trim();
  const receiptImageId = form.receipt[0]?.id;
  if (amountFen === null) return { problem: t('donate.amountInvalid') };
  if (!purpose) return { problem: t('expenses.purposeRequired') };
  if (receiptUrl && !/^https:\/\/\S+$/.test(receiptUrl)) return { problem: t('expenses.receiptInvalid') };
  return {
    amountFen,
    purpose,
    category: form.category,
    ...(receiptUrl ? { receiptUrl } : {}),
    ...(receiptImageId ? { receiptImageId } : {}),
  };
}

function ExpenseForm({ communityId, onSubmitted }: { communityId: string; onSubmitted: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<ExpenseInput>(EMPTY);
  const [uploading, setUploading] = useState(false);
  const action = useAction();
  const set = (change: Partial<ExpenseInput>) => setForm((previous) => ({ ...previous, ...change }));

  const submit = async () => {
    if (uploading) return action.fail(t('photos.stillUploading'));
    const body = expenseFromForm(form, t);
    if ('problem' in body) return action.fail(body.problem);
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.submitFundExpense, { params: { cid: communityId }, body, idempotencyKey });
      return t('expenses.submitted', { amount: formatYuan(body.amountFen) });
    });
    if (done) {
      setForm(EMPTY);
      onSubmitted();
    }
  };

  return (
    <View className="card" id="expense-form">
      <Text className="card__label">{t('expenses.new')}</Text>
      <ExpenseFields form={form} onChange={set} />
      <ImageUploader
        id="expense-receipt-photo"
        communityId={communityId}
        purpose="fund_receipt"
        max={1}
        value={form.receipt}
        onChange={(receipt) => set({ receipt })}
        onBusyChange={setUploading}
        label={t('photos.receipt')}
        hint={t('photos.receiptHint')}
        subject={t('photos.receipt')}
      />
      <TextField
        id="expense-receipt"
        label={t('expenses.receipt')}
        placeholder="https://"
        value={form.receiptUrl}
        maxlength={300}
        onChange={(receiptUrl) => set({ receiptUrl })}
      />
      <SubmitButton id="expense-submit" busy={action.busy} onClick={submit}>
        {t('expenses.submit')}
      </SubmitButton>
      <ActionOutcome id="expense" outcome={action.outcome} />
    </View>
  );
}

/** Amount, purpose and category, as typed. */
function ExpenseFields({
  form,
  onChange: set,
}: {
  form: ExpenseInput;
  onChange: (change: Partial<ExpenseInput>) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        id="expense-amount"
        label={t('donate.amount')}
        value={form.amount}
        maxlength={10}
        onChange={(amount) => set({ amount })}
      />
      <TextField
        id="expense-purpose"
        label={t('expenses.purpose')}
        value={form.purpose}
        maxlength={200}
        onChange={(purpose) => set({ purpose })}
      />
      <Text className="field__label">{t('expenses.category')}</Text>
      <ChoiceTabs
        idPrefix="expense-category"
        choices={EXPENSE_CATEGORIES.map((value) => ({ value, label: categoryLabel(t, value) }))}
        value={form.category}
        onChange={(category) => set({ category })}
      />
    </>
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
      {expense.receipt ? (
        <ImageGallery id={`expense-${expense.id}-receipt`} images={[expense.receipt]} subject={t('photos.receipt')} />
      ) : null}
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
