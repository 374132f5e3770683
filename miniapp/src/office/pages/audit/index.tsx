import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type AuditEntry, type MemberView } from '@linli/shared';
import { request, useApi } from '../../../api';
import EmptyState from '../../../components/empty-state';
import OfficeLayout from '../../components/office-layout';
import PagedListView from '../../../components/paged-list';
import TextField from '../../../components/text-field';
import { auditActionName, auditChanges } from '../../../format/office';
import { formatDateTime } from '../../../format/time';
import { usePagedList } from '../../../hooks/paged-list';
import { useI18n } from '../../../i18n';

interface AuditFilters {
  action: string;
  objectType: string;
  objectId: string;
  actorId: string;
  from: string;
  to: string;
}

/** Members read to name actors when an entry carries only an id (at most this many pages). */
const MEMBER_PAGES_FOR_NAMES = 10;

async function loadMemberNames(communityId: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  let cursor: string | undefined;
  for (let page = 0; page < MEMBER_PAGES_FOR_NAMES; page += 1) {
    const members = await request(contracts.listMembers, { params: { cid: communityId }, query: { cursor } });
    members.items.forEach((member: MemberView) => names.set(member.id, member.displayName));
    if (!members.nextCursor) break;
    cursor = members.nextCursor;
  }
  return names;
}

const NO_FILTERS: AuditFilters = { action: '', objectType: '', objectId: '', actorId: '', from: '', to: '' };

/** 操作记录: who did what to which object, newest first; admins only. */
export default function OfficeAuditPage() {
  const { t } = useI18n();
  return (
    <OfficeLayout title="office.audit">
      {({ communityId, me }) =>
        me.member.roles.includes('admin') ? (
          <AuditLog communityId={communityId} />
        ) : (
          <EmptyState id="audit-admin-only" title={t('office.adminOnly')} hint={t('office.adminOnlyHint')} />
        )
      }
    </OfficeLayout>
  );
}

function AuditLog({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [problem, setProblem] = useState('');
  const entries = usePagedList(`audit:${communityId}:${JSON.stringify(filters)}`, (cursor) =>
    request(contracts.listAudit, { params: { cid: communityId }, query: { ...definedFilters(filters), cursor } }),
  );
  const search = () => {
    const objectOnly = draft.objectId.trim() !== '' && draft.objectType.trim() === '';
    setProblem(objectOnly ? t('audit.objectTypeNeeded') : '');
    if (!objectOnly) setFilters(draft);
  };
  const names = useApi(`audit-names:${communityId}`, () => loadMemberNames(communityId));
  const field = (name: keyof AuditFilters, label: string, placeholder?: string) => (
    <TextField
      id={`audit-${name}`}
      label={label}
      placeholder={placeholder}
      value={draft[name]}
      maxlength={128}
      onChange={(value) => setDraft({ ...draft, [name]: value })}
    />
  );

  return (
    <>
      <View className="card" id="audit-filters">
        <Text className="card__label">{t('audit.filters')}</Text>
        <View className="filter-grid">
          {field('action', t('audit.action'), 'claim.approve')}
          {field('actorId', t('audit.actorId'))}
          {field('objectType', t('audit.objectType'), 'claim')}
          {field('objectId', t('audit.objectId'))}
          {field('from', t('audit.from'), '2026-11-01')}
          {field('to', t('audit.to'), '2026-11-30')}
        </View>
        {problem ? (
          <Text className="form-error" id="audit-problem">
            {problem}
          </Text>
        ) : null}
        <View className="row">
          <Button id="audit-search" className="button" onClick={search}>
            {t('audit.search')}
          </Button>
          <Button
            id="audit-clear"
            className="button button--secondary"
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
            }}
          >
            {t('audit.clear')}
          </Button>
        </View>
      </View>
      <PagedListView
        id="audit-list"
        list={entries}
        empty={t('audit.empty')}
        renderItem={(entry) => <AuditEntryCard key={entry.id} entry={entry} names={names.data} />}
      />
    </>
  );
}

/** Only the filters that were filled in, trimmed. */
function definedFilters(filters: AuditFilters): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(filters).map(([name, value]) => [name, value.trim() || undefined]));
}

function AuditEntryCard({ entry, names }: { entry: AuditEntry; names: Map<string, string> | undefined }) {
  const { t, language } = useI18n();
  const nameOf = (memberId: string) => names?.get(memberId) ?? memberId;
  const changes = auditChanges(entry.before, entry.after);
  return (
    <View className="card audit-entry" id={`audit-${entry.id}`}>
      <View className="row">
        <Text className="card__value audit-entry__action">{auditActionName(entry.action, language)}</Text>
        <Text className="tag tag--plain">{entry.action}</Text>
      </View>
      <Text className="audit-entry__actor">
        {t('audit.by', { name: entry.actorName ?? nameOf(entry.actorId), time: formatDateTime(entry.at, language) })}
      </Text>
      {entry.onBehalfOf ? (
        <Text className="tag tag--amber audit-entry__proxy">
          {t('audit.onBehalfOf', { name: nameOf(entry.onBehalfOf) })}
        </Text>
      ) : null}
      <Text className="card__hint">{t('audit.object', { type: entry.objectType, id: entry.objectId })}</Text>
      {changes.length > 0 ? (
        <View className="audit-changes">
          {changes.map((change) => (
            <View className="audit-change" key={change.field}>
              <Text className="audit-change__field">{change.field}</Text>
              <Text className={change.before === undefined ? 'audit-change__none' : 'audit-change__before'}>
                {change.before === undefined ? '—' : nameOf(change.before)}
              </Text>
              <Text className="audit-change__arrow">→</Text>
              <Text className="audit-change__after">{change.after === undefined ? '—' : nameOf(change.after)}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
