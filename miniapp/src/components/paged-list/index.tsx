import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { PagedList } from '../../hooks/paged-list';
import { describeError, useI18n } from '../../i18n';
import EmptyState from '../empty-state';
import SubmitButton from '../submit-button';

export interface PagedListViewProps<Item> {
  id: string;
  list: PagedList<Item>;
  empty: string;
  emptyHint?: string;
  renderItem: (item: Item) => ReactNode;
}

/** Items of a cursor-paged list, with loading, empty and error states and a large "load more" button. */
export default function PagedListView<Item>({ id, list, empty, emptyHint, renderItem }: PagedListViewProps<Item>) {
  const { t } = useI18n();
  if (list.loading) {
    return (
      <View className="page__status" id={`${id}-loading`}>
        <Text>{t('common.loading')}</Text>
      </View>
    );
  }
  return (
    <View className="list" id={id}>
      {list.items.length === 0 && !list.error ? (
        // Nothing here yet, but more pages exist: not "none found" (issue 21), keep looking.
        list.hasMore ? (
          <Text className="card__hint" id={`${id}-keep-looking`}>
            {t('common.keepLooking')}
          </Text>
        ) : (
          <EmptyState id={`${id}-empty`} title={empty} hint={emptyHint} />
        )
      ) : null}
      {list.items.map(renderItem)}
      {list.error ? (
        <View className="card">
          <Text className="form-error">{describeError(t, list.error)}</Text>
          <Button className="button button--secondary" onClick={list.items.length > 0 ? list.loadMore : list.reload}>
            {t('common.retry')}
          </Button>
        </View>
      ) : null}
      {list.hasMore && !list.error ? (
        <SubmitButton
          id={`${id}-more`}
          busy={list.loadingMore}
          className="button button--secondary"
          onClick={list.loadMore}
        >
          {list.loadingMore ? t('common.loading') : t('common.loadMore')}
        </SubmitButton>
      ) : null}
    </View>
  );
}
