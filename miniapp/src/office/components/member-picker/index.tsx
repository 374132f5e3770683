import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { contracts, type MemberView } from '@linli/shared';
import { request } from '../../../api';
import { usePagedList } from '../../../hooks/paged-list';
import { useI18n } from '../../../i18n';
import PagedListView from '../../../components/paged-list';
import { accessibleName } from '../../../components/accessible-name';

/**
 * Find a member of the community by name, by the number they read out (编号: `1024`) or by member id:
 * searched on the server over every member (`GET …/members?q=`), a moment after the typing stops;
 * "load more" reads further pages. Each member shows with their number.
 */
export default function MemberPicker({
  communityId,
  selected,
  onSelect,
}: {
  communityId: string;
  selected: MemberView | undefined;
  onSelect: (member: MemberView) => void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const query = useSettled(search.trim(), 300);
  const shown = usePagedList(`members:${communityId}:${query}`, (cursor) =>
    request(contracts.listMembers, { params: { cid: communityId }, query: { cursor, q: query || undefined } }),
  );

  return (
    <View className="field" id="member-picker">
      <Text className="field__label">{t('office.member')}</Text>
      {selected ? (
        <Text className="notice" id="member-selected">
          {selected.memberNo === undefined
            ? t('office.memberSelected', { name: selected.displayName })
            : t('office.memberSelectedNo', { name: selected.displayName, no: selected.memberNo })}
        </Text>
      ) : null}
      <Input
        {...accessibleName(t('office.memberSearch'))}
        id="member-search"
        className="field__input"
        value={search}
        placeholder={t('office.memberSearch')}
        onInput={(event) => setSearch(event.detail.value)}
      />
      <PagedListView
        id="member-list"
        list={shown}
        empty={t('office.memberNone')}
        renderItem={(member) => (
          <View
            key={member.id}
            id={`member-${member.id}`}
            className={member.id === selected?.id ? 'member-option member-option--on' : 'member-option'}
            onClick={() => onSelect(member)}
          >
            <View className="member-option__head">
              <Text className="member-option__name">{member.displayName}</Text>
              {member.memberNo === undefined ? null : (
                <Text className="member-option__no">{t('member.no', { no: member.memberNo })}</Text>
              )}
            </View>
            <Text className="card__hint">{member.roles.map((role) => t(`role.${role}`)).join('、')}</Text>
          </View>
        )}
      />
    </View>
  );
}

/** `value` once it has stayed the same for `delayMs` (a search is sent when the typing pauses). */
function useSettled(value: string, delayMs: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
