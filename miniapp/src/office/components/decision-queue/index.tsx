import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Page } from '@linli/shared';
import PagedListView from '../../../components/paged-list';
import SubmitButton from '../../../components/submit-button';
import { useAction, type Outcome } from '../../../hooks/action';
import { usePagedList } from '../../../hooks/paged-list';
import { useI18n, type MessageKey } from '../../../i18n';
import ReasonPrompt from '../reason-prompt';

/** What one card of a queue needs to decide its item. */
export interface Decision {
  communityId: string;
  /** A decision of this card is on its way. */
  busy: boolean;
  /** The answer to the last decision, or a problem found before sending: for `<ActionOutcome>`. */
  outcome: Outcome | undefined;
  /** Sends `call` once at a time; when it worked, shows `doneText` and takes the item off the queue. */
  decide: (call: () => Promise<unknown>, doneText: string) => Promise<void>;
  /** Shows a problem found before sending (no outcome chosen, no note). */
  fail: (text: string) => void;
}

export interface DecisionQueueProps<Item extends { id: string }> {
  communityId: string;
  /** `#<listId>` of the list (`#<listId>-empty`, `#<listId>-more`). */
  listId: string;
  /** Names the list's content; a new key loads it again. */
  listKey: string;
  loadPage: (cursor: string | undefined) => Promise<Page<Item>>;
  empty: MessageKey;
  /** How long a decided item stays on screen, so its outcome can be read (default 0: it leaves at once). */
  leaveAfterMilliseconds?: number;
  /** Above the list, e.g. a form that adds to the queue; `reload` shows the queue afresh. */
  header?: (queue: { reload: () => void }) => ReactNode;
  renderItem: (item: Item, decision: Decision) => ReactNode;
}

/**
 * An office review queue: the items waiting for a decision, a page at a time, each card with its own
 * decision in flight and its outcome; a decided item leaves the queue without a reload.
 */
export default function DecisionQueue<Item extends { id: string }>({
  communityId,
  listId,
  listKey,
  loadPage,
  empty,
  leaveAfterMilliseconds = 0,
  header,
  renderItem,
}: DecisionQueueProps<Item>) {
  const { t } = useI18n();
  const list = usePagedList(listKey, loadPage);
  const leave = (item: Item) => {
    const remove = () => list.removeWhere((other) => other.id === item.id);
    if (leaveAfterMilliseconds > 0) setTimeout(remove, leaveAfterMilliseconds);
    else remove();
  };
  return (
    <>
      {header?.({ reload: list.reload })}
      <PagedListView
        id={listId}
        list={list}
        empty={t(empty)}
        renderItem={(item) => (
          <DecisionCard
            key={item.id}
            item={item}
            communityId={communityId}
            onDecided={() => leave(item)}
            render={renderItem}
          />
        )}
      />
    </>
  );
}

function DecisionCard<Item>({
  item,
  communityId,
  onDecided,
  render,
}: {
  item: Item;
  communityId: string;
  onDecided: () => void;
  render: (item: Item, decision: Decision) => ReactNode;
}) {
  const action = useAction();
  const decide = async (call: () => Promise<unknown>, doneText: string) => {
    const decided = await action.run(async () => {
      await call();
      return doneText;
    });
    if (decided) onDecided();
  };
  return <>{render(item, { communityId, busy: action.busy, outcome: action.outcome, decide, fail: action.fail })}</>;
}

/**
 * The usual pair of a review: reject with a reason (`#<name>-reject-<id>`, a prompt) and approve
 * (`#<name>-approve-<id>`), side by side.
 */
export function ApproveOrReject({
  name,
  itemId,
  labels,
  busy,
  onApprove,
  onReject,
}: {
  name: string;
  itemId: string;
  labels: { approve: string; reject: string; rejectPlaceholder: string };
  busy: boolean;
  onApprove: () => void;
  onReject: (reason: string) => void;
}) {
  return (
    <View className="row">
      <ReasonPrompt
        id={`${name}-reject-${itemId}`}
        label={labels.reject}
        placeholder={labels.rejectPlaceholder}
        danger
        busy={busy}
        onConfirm={onReject}
      />
      <SubmitButton id={`${name}-approve-${itemId}`} busy={busy} onClick={onApprove}>
        {labels.approve}
      </SubmitButton>
    </View>
  );
}
