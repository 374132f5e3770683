import { Button, Input, Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { contracts, type Claim } from '@linli/shared';
import { ApiError, request } from '../../../api';
import { splitMinutes } from '../../../format/points';
import { formatDateTime } from '../../../format/time';
import { usePagedList, type PagedList } from '../../../hooks/paged-list';
import { describeError, useI18n, type Language, type Translate } from '../../../i18n';
import DataTable, { type Column } from '../../../components/data-table';
import PagedListView from '../../../components/paged-list';
import SubmitButton from '../../../components/submit-button';
import { accessibleName, checkboxSemantics } from '../../../components/accessible-name';

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
export default function ClaimQueue({ communityId, desk = false }: { communityId: string; desk?: boolean }) {
  const { t } = useI18n();
  const claims = usePagedList(`claims:${communityId}`, (cursor) =>
    request(contracts.listClaims, { params: { cid: communityId }, query: { status: 'pending', cursor } }),
  );
  const { selected, setSelected, toggle } = useSelection();
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

  const decisionFor = (claim: Claim) => (
    <ClaimDecision
      key={claim.id}
      claim={claim}
      communityId={communityId}
      error={errors[claim.id]}
      onDecided={() => settle([claim.id], {})}
      onFailed={(message) => settle([], { [claim.id]: message })}
    />
  );
  const allIds = claims.items.map((claim) => claim.id);
  const allSelected = allIds.length > 0 && allIds.every((id) => selected.has(id));

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
      {desk ? (
        <ClaimTable claims={claims} selected={selected} onToggle={toggle} decision={decisionFor} />
      ) : (
        <PagedListView
          id="claims-list"
          list={claims}
          empty={t('claims.empty')}
          renderItem={(claim) => (
            <ClaimCard key={claim.id} claim={claim} selected={selected.has(claim.id)} onToggle={() => toggle(claim.id)}>
              {decisionFor(claim)}
            </ClaimCard>
          )}
        />
      )}
    </View>
  );
}

/** Which claims are selected (by id), and a toggle for one. */
function useSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return { selected, setSelected, toggle };
}

/** The queue at a desk: a sortable, filterable table, oldest claim first (`#claims-list`, as the cards). */
function ClaimTable({
  claims,
  selected,
  onToggle,
  decision,
}: {
  claims: PagedList<Claim>;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  decision: (claim: Claim) => ReactNode;
}) {
  const { t, language } = useI18n();
  return (
    <DataTable
      id="claims-list"
      caption={t('deskClaims.caption')}
      columns={claimColumns(t, language, { isSelected: (claim) => selected.has(claim.id), onToggle, decision })}
      list={claims}
      rowKey={(claim) => claim.id}
      rowClassName={(claim) => (selected.has(claim.id) ? 'claim claim--selected' : 'claim')}
      empty={t('claims.empty')}
      initialSort={{ key: 'submitted', direction: 'ascending' }}
    />
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

/** A pending claim as a card (phone): who, what, the facts, and its decision controls (`children`). */
function ClaimCard({
  claim,
  selected,
  onToggle,
  children,
}: {
  claim: Claim;
  selected: boolean;
  onToggle: () => void;
  children: ReactNode;
}) {
  return (
    <View className={selected ? 'card claim claim--selected' : 'card claim'} id={`claim-${claim.id}`}>
      <View className="row">
        <SelectButton claim={claim} selected={selected} onToggle={onToggle} />
        <View className="row__text" onClick={onToggle}>
          <Text className="card__value claim__member">{claim.memberName}</Text>
          <Text>{claim.activityTitle}</Text>
        </View>
      </View>
      <ClaimFacts claim={claim} />
      {children}
    </View>
  );
}

/** What a claim's select box is called to a screen reader, on the card and in the table: 选择 王阿姨. */
function selectLabel(t: Translate, claim: Claim): string {
  return `${t('table.select')} ${claim.memberName}`;
}

/** The card's select box (phone): a checkbox to a screen reader, named as the table's. */
function SelectButton({ claim, selected, onToggle }: { claim: Claim; selected: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  return (
    <Button
      id={`claim-select-${claim.id}`}
      className={selected ? 'check check--on' : 'check'}
      {...checkboxSemantics(selected, selectLabel(t, claim))}
      onClick={onToggle}
    >
      {selected ? '✓' : ''}
    </Button>
  );
}

/** The table's select box (desk, H5 only): a labelled checkbox. */
function SelectBox({ claim, selected, onToggle }: { claim: Claim; selected: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  return (
    <input
      type="checkbox"
      id={`claim-select-${claim.id}`}
      className="data-table__check"
      checked={selected}
      aria-label={selectLabel(t, claim)}
      onChange={onToggle}
    />
  );
}

/**
 * The table's columns at a desk: select, member, activity, duration, points, source, when entered (all
 * sortable and filtered by but the first and last) and the decision controls.
 */
function claimColumns(
  t: Translate,
  language: Language,
  row: { isSelected: (claim: Claim) => boolean; onToggle: (id: string) => void; decision: (claim: Claim) => ReactNode },
): Column<Claim>[] {
  const duration = (claim: Claim) => t('claims.duration', splitMinutes(claim.minutes));
  return [
    {
      key: 'select',
      label: t('table.select'),
      cell: (claim) => (
        <SelectBox claim={claim} selected={row.isSelected(claim)} onToggle={() => row.onToggle(claim.id)} />
      ),
    },
    {
      key: 'member',
      label: t('deskClaims.member'),
      value: (claim) => claim.memberName,
      cell: (claim) => claim.memberName,
    },
    {
      key: 'activity',
      label: t('deskClaims.activity'),
      value: (claim) => claim.activityTitle,
      cell: (claim) => claim.activityTitle,
    },
    { key: 'minutes', label: t('deskClaims.minutes'), numeric: true, value: (claim) => claim.minutes, cell: duration },
    {
      key: 'points',
      label: t('deskClaims.points'),
      numeric: true,
      value: (claim) => claim.points,
      cell: (claim) => claim.points,
    },
    {
      key: 'source',
      label: t('deskClaims.source'),
      value: (claim) => t(`claims.source.${claim.source}`),
      cell: (claim) => (
        <>
          {t(`claims.source.${claim.source}`)}
          {claim.flagged ? <Text className="tag tag--danger">{t('claims.flagged')}</Text> : null}
          {claim.note ? <Text className="card__hint">{t('claims.note', { note: claim.note })}</Text> : null}
        </>
      ),
    },
    {
      key: 'submitted',
      label: t('deskClaims.submitted'),
      value: (claim) => claim.createdAt,
      cell: (claim) => formatDateTime(claim.createdAt, language),
    },
    { key: 'actions', label: t('table.actions'), cell: row.decision },
  ];
}

interface ClaimDecisionProps {
  claim: Claim;
  communityId: string;
  error: string | undefined;
  onDecided: () => void;
  onFailed: (message: string) => void;
}

/** Approve, or reject with a reason; the reason a decision failed. */
function ClaimDecision({ claim, communityId, error, onDecided, onFailed }: ClaimDecisionProps) {
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
    <>
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
    </>
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
        {...accessibleName(t('claims.reasonPlaceholder'))}
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
