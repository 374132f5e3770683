import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type MemberView } from '@linli/shared';
import { request } from '../../../api';
import { usePagedList } from '../../../hooks/paged-list';
import { useI18n } from '../../../i18n';
import PagedListView from '../../../components/paged-list';

/** Find a member of the community by name (filters the loaded pages; "load more" fetches further). */
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
  const members = usePagedList(`members:${communityId}`, (cursor) =>
    request(contracts.listMembers, { params: { cid: communityId }, query: { cursor } }),
  );
  const needle = search.trim().toLowerCase();
  const shown = needle
    ? { ...members, items: members.items.filter((member) => member.displayName.toLowerCase().includes(needle)) }
    : members;

  return (
    <View className="field" id="member-picker">
      <Text className="field__label">{t('office.member')}</Text>
      {selected ? (
        <Text className="notice" id="member-selected">
          {t('office.memberSelected', { name: selected.displayName })}
        </Text>
      ) : null}
      <Input
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
            <Text className="member-option__name">{member.displayName}</Text>
            <Text className="card__hint">{member.roles.map((role) => t(`role.${role}`)).join('、')}</Text>
          </View>
        )}
      />
    </View>
  );
}
