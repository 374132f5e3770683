import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type Claim } from '@linli/shared';
import { ApiError, request } from '../../../api';
import { splitMinutes } from '../../../format/points';
import { formatDateTime } from '../../../format/time';
import { usePagedList } from '../../../hooks/paged-list';
import { describeError, useI18n, type Translate } from '../../../i18n';
import PagedListView from '../../../components/paged-list';
import SubmitButton from '../../../components/submit-button';

/** The server approves at most this many claims in one bulk call. */
export const BULK_APPROVE_LIMIT = 25;

export function chunk<Item>(items: readonly Item[], size: number): Item[][] {
  const chunks: Item[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/**
 * Pending volunteer hours for staff: approve one, reject one with a reason, or select several
 * and approve them together. Decided claims leave the list; refusals stay, with the reason shown.
 */
export default function ClaimQueue({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const claims = usePagedList(`claims:${communityId}`, (cursor) =>
    request(contracts.listClaims, { params: { cid: communityId }, query: { status: 'pending', cursor } }),
  );
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, string>>({});

  const settle = (decided: string[], failed: Record<string, string>) => {
    const decidedIds = new Set(decided);
    claims.removeWhere((claim) => decidedIds.has(claim.id));
    setSelected((previous) => new Set([...previous].filter((id) => !decidedIds.has(id))));
    setErrors((previous) => {
      const next = { ...previous, ...failed };
      decided.forEach((id) => delete next[id]);
      return next;
    });
  };
  const bulk = useBulkApproval(communityId, settle);

  const allIds = claims.items.map((claim) => claim.id);
  const allSelected = allIds.length > 0 && allIds.every((id) => selected.has(id));
  const toggle = (id: string) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <View className="claim-queue">
      <SelectionBar
        selectedCount={selected.size}
        allSelected={allSelected}
        busy={bulk.busy}
        summary={bulk.summary}
        onSelectAll={() => setSelected(allSelected ? new Set() : new Set(allIds))}
        onApprove={() => bulk.approve(claims.items.filter((claim) => selected.has(claim.id)).map((claim) => claim.id))}
      />
      <PagedListView
        id="claims-list"
        list={claims}
        empty={t('claims.empty')}
        renderItem={(claim) => (
          <ClaimCard
            key={claim.id}
            claim={claim}
            communityId={communityId}
            selected={selected.has(claim.id)}
            error={errors[claim.id]}
            onToggle={() => toggle(claim.id)}
            onDecided={() => settle([claim.id], {})}
            onFailed={(message) => settle([], { [claim.id]: message })}
          />
        )}
      />
    </View>
  );
}

/**
 * Approves claims in calls of at most BULK_APPROVE_LIMIT, one run at a time; `settle` gets the approved
 * ids and, per refused claim, the reason in words. `summary` counts both, or tells why the calls failed.
 */
function useBulkApproval(communityId: string, settle: (approved: string[], failed: Record<string, string>) => void) {
  const { t } = useI18n();
  const [summary, setSummary] = useState<string>();
  const [busy, setBusy] = useState(false);
  const approve = async (ids: string[]) => {
    if (ids.length === 0 || busy) return;
    setBusy(true);
    setSummary(undefined);
    const approved: string[] = [];
    const failed: Record<string, string> = {};
    try {
      for (const claimIds of chunk(ids, BULK_APPROVE_LIMIT)) {
        const { results } = await request(contracts.bulkApproveClaims, {
          params: { cid: communityId },
          body: { claimIds },
        });
        for (const result of results) {
          if (result.status === 'approved') approved.push(result.claimId);
          else failed[result.claimId] = resultError(t, result.error);
        }
      }
      setSummary(t('claims.bulkDone', { approved: approved.length, failed: Object.keys(failed).length }));
    } catch (error) {
      setSummary(describeError(t, error));
    } finally {
      settle(approved, failed);
      setBusy(false);
    }
  };
  return { busy, summary, approve };
}

/** How many claims are selected, select all / none, approve the selected ones, and how that went. */
function SelectionBar({
  selectedCount,
  allSelected,
  busy,
  summary,
  onSelectAll,
  onApprove,
}: {
  selectedCount: number;
  allSelected: boolean;
  busy: boolean;
  summary: string | undefined;
  onSelectAll: () => void;
  onApprove: () => void;
}) {
  const { t } = useI18n();
  return (
    <View className="card claim-queue__bar">
      <View className="row">
        <Text className="row__text" id="claims-selected-count">
          {t('claims.selectedCount', { count: selectedCount })}
        </Text>
        <Button id="claims-select-all" className="button button--secondary button--small" onClick={onSelectAll}>
          {allSelected ? t('claims.selectNone') : t('claims.selectAll')}
        </Button>
      </View>
      <SubmitButton id="claims-approve-selected" busy={busy || selectedCount === 0} onClick={onApprove}>
        {t('claims.approveSelected', { count: selectedCount })}
      </SubmitButton>
      {summary ? (
        <Text className="notice" id="claims-summary">
          {summary}
        </Text>
      ) : null}
    </View>
  );
}

function resultError(t: Translate, error: { code: string; message: string } | undefined): string {
  return error ? describeError(t, new ApiError(409, error.code, error.message)) : t('error.unknown');
}

interface ClaimCardProps {
  claim: Claim;
  communityId: string;
  selected: boolean;
  error: string | undefined;
  onToggle: () => void;
  onDecided: () => void;
  onFailed: (message: string) => void;
}

function ClaimCard({ claim, communityId, selected, error, onToggle, onDecided, onFailed }: ClaimCardProps) {
  const { t } = useI18n();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const params = { cid: communityId, claimId: claim.id };

  const decide = async (call: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    try {
      await call();
      onDecided();
    } catch (failure) {
      onFailed(describeError(t, failure));
      setBusy(false);
    }
  };
  const approve = () => decide(() => request(contracts.approveClaim, { params }));
  const reject = () => {
    if (reason.trim() === '') {
      onFailed(t('claims.reasonRequired'));
      return;
    }
    void decide(() => request(contracts.rejectClaim, { params, body: { reason: reason.trim() } }));
  };

  return (
    <View className={selected ? 'card claim claim--selected' : 'card claim'} id={`claim-${claim.id}`}>
      <View className="row">
        <Button id={`claim-select-${claim.id}`} className={selected ? 'check check--on' : 'check'} onClick={onToggle}>
          {selected ? '✓' : ''}
        </Button>
        <View className="row__text" onClick={onToggle}>
          <Text className="card__value claim__member">{claim.memberName}</Text>
          <Text>{claim.activityTitle}</Text>
        </View>
      </View>
      <ClaimFacts claim={claim} />
      {error ? (
        <Text className="form-error" id={`claim-error-${claim.id}`}>
          {error}
        </Text>
      ) : null}
      {rejecting ? (
        <RejectionReason
          claimId={claim.id}
          reason={reason}
          onReason={setReason}
          onCancel={() => setRejecting(false)}
          onConfirm={reject}
        />
      ) : (
        <View className="row">
          <Button id={`claim-reject-${claim.id}`} className="button button--danger" onClick={() => setRejecting(true)}>
            {t('claims.reject')}
          </Button>
          <SubmitButton id={`claim-approve-${claim.id}`} busy={busy} onClick={approve}>
            {t('claims.approve')}
          </SubmitButton>
        </View>
      )}
    </View>
  );
}

/** What was done and what it earns: duration, points, source, a flag, the note and when it was entered. */
function ClaimFacts({ claim }: { claim: Claim }) {
  const { t, language } = useI18n();
  const { hours, minutes } = splitMinutes(claim.minutes);
  return (
    <>
      <View className="tags">
        <Text className="tag">{t('claims.duration', { hours, minutes })}</Text>
        <Text className="tag tag--amber">{t('claims.points', { points: claim.points })}</Text>
        <Text className="tag tag--plain">{t(`claims.source.${claim.source}`)}</Text>
        {claim.flagged ? <Text className="tag tag--danger">{t('claims.flagged')}</Text> : null}
      </View>
      {claim.note ? <Text className="card__hint">{t('claims.note', { note: claim.note })}</Text> : null}
      <Text className="card__hint">{formatDateTime(claim.createdAt, language)}</Text>
      {claim.recordingDeadline ? (
        <Text className={claim.overdue ? 'tag tag--danger' : 'card__hint'} id={`claim-deadline-${claim.id}`}>
          {claim.overdue ? `${t('officeRecord.overdue')} · ` : ''}
          {t('officeRecord.deadline', { day: claim.recordingDeadline })}
        </Text>
      ) : null}
    </>
  );
}

/** The reason for a rejection (`#claim-reason-<id>`), with cancel and confirm (`#claim-reject-confirm-<id>`). */
function RejectionReason({
  claimId,
  reason,
  onReason,
  onCancel,
  onConfirm,
}: {
  claimId: string;
  reason: string;
  onReason: (reason: string) => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  return (
    <View className="field">
      <Input
        id={`claim-reason-${claimId}`}
        className="field__input"
        value={reason}
        placeholder={t('claims.reasonPlaceholder')}
        maxlength={200}
        onInput={(event) => onReason(event.detail.value)}
      />
      <View className="row">
        <Button className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button id={`claim-reject-confirm-${claimId}`} className="button button--danger" onClick={onConfirm}>
          {t('claims.rejectConfirm')}
        </Button>
      </View>
    </View>
  );
}
