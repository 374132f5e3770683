import { Button, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { AUDIT_ACTIONS, contracts, type AuditEntry, type MemberView, type Role } from '@linli/shared';
import { request, useApi } from '../../../api';
import EmptyState from '../../../components/empty-state';
import OfficeLayout from '../../components/office-layout';
import PagedListView from '../../../components/paged-list';
import TextField from '../../../components/text-field';
import {
  AUDIT_OBJECT_TYPE_NAMES,
  auditActionName,
  auditChanges,
  auditFieldName,
  auditObjectTypeName,
  auditValue,
  chinaDateTime,
} from '../../../format/office';
import { usePagedList } from '../../../hooks/paged-list';
import { useI18n, type Language, type Translate } from '../../../i18n';

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
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const entries = usePagedList(`audit:${communityId}:${JSON.stringify(filters)}`, (cursor) =>
    request(contracts.listAudit, { params: { cid: communityId }, query: { ...definedFilters(filters), cursor } }),
  );
  const names = useApi(`audit-names:${communityId}`, () => loadMemberNames(communityId));
  return (
    <>
      <AuditFilterCard onSearch={setFilters} />
      <PagedListView
        id="audit-list"
        list={entries}
        empty={t('audit.empty')}
        renderItem={(entry) => <AuditEntryCard key={entry.id} entry={entry} names={names.data} />}
      />
    </>
  );
}

/** The filters: action and kind of object chosen by name, the rest typed; 查询 applies them, 清除 resets. */
function AuditFilterCard({ onSearch }: { onSearch: (filters: AuditFilters) => void }) {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [problem, setProblem] = useState('');
  const search = () => {
    const objectOnly = draft.objectId.trim() !== '' && draft.objectType.trim() === '';
    setProblem(objectOnly ? t('audit.objectTypeNeeded') : '');
    if (!objectOnly) onSearch(draft);
  };
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
    <View className="card" id="audit-filters">
      <Text className="card__label">{t('audit.filters')}</Text>
      <View className="filter-grid">
        <ChoiceField
          id="audit-action"
          label={t('audit.action')}
          value={draft.action}
          choices={AUDIT_ACTIONS.map((action) => ({ value: action, label: auditActionName(action, language) }))}
          onChange={(action) => setDraft({ ...draft, action })}
        />
        {field('actorId', t('audit.actorId'))}
        <ChoiceField
          id="audit-objectType"
          label={t('audit.objectType')}
          value={draft.objectType}
          choices={Object.keys(AUDIT_OBJECT_TYPE_NAMES).map((type) => ({
            value: type,
            label: auditObjectTypeName(type, language),
          }))}
          onChange={(objectType) => setDraft({ ...draft, objectType })}
        />
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
            onSearch(NO_FILTERS);
          }}
        >
          {t('audit.clear')}
        </Button>
      </View>
    </View>
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
      </View>
      <Text className="audit-entry__actor">
        {t('audit.by', { name: entry.actorName ?? nameOf(entry.actorId), time: chinaDateTime(entry.at) })}
      </Text>
      {entry.onBehalfOf ? (
        <Text className="tag tag--amber audit-entry__proxy">
          {t('audit.onBehalfOf', { name: nameOf(entry.onBehalfOf) })}
        </Text>
      ) : null}
      <Text className="card__hint">
        {t('audit.object', { type: auditObjectTypeName(entry.objectType, language), id: nameOf(entry.objectId) })}
      </Text>
      {changes.length > 0 ? (
        <View className="audit-changes">
          {changes.map((change) => (
            <View className="audit-change" key={change.field}>
              <Text className="audit-change__field">{auditFieldName(change.field, language)}</Text>
              <Text className={change.before === undefined ? 'audit-change__none' : 'audit-change__before'}>
                {shown(change.field, change.before, nameOf, t, language)}
              </Text>
              <Text className="audit-change__arrow">→</Text>
              <Text className="audit-change__after">{shown(change.field, change.after, nameOf, t, language)}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** A changed value for people: — when absent; a member's name for their id; roles named; times in China time. */
function shown(
  field: string,
  value: string | undefined,
  nameOf: (id: string) => string,
  t: Translate,
  language: Language,
): string {
  if (value === undefined) return '—';
  if (field === 'roles' && value.startsWith('[')) {
    return (JSON.parse(value) as Role[]).map((role) => t(`role.${role}`)).join('、');
  }
  return auditValue(field, nameOf(value), language);
}

/**
 * A filter chosen from a list of names (the audit log's actions and object kinds), never a code to
 * type; 全部 clears it. `#<id>` shows the choice.
 */
function ChoiceField({
  id,
  label,
  value,
  choices,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  choices: { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  const { t } = useI18n();
  const all = [{ value: '', label: t('audit.all') }, ...choices];
  const index = Math.max(
    0,
    all.findIndex((choice) => choice.value === value),
  );
  return (
    <View className="field">
      <Text className="field__label">{label}</Text>
      {IN_BROWSER ? (
        // The browser's own list (keyboard and screen reader friendly); WeChat's Picker in the mini-program.
        <select
          id={id}
          className="field__input field__select"
          aria-label={label}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        >
          {all.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      ) : (
        <Picker
          mode="selector"
          range={all.map((choice) => choice.label)}
          value={index}
          onChange={(event) => onChange(all[Number(event.detail.value)]?.value ?? '')}
        >
          <View className="field__input" id={id}>
            {all[index]?.label}
          </View>
        </Picker>
      )}
    </View>
  );
}

const IN_BROWSER = process.env.TARO_ENV === 'h5';
