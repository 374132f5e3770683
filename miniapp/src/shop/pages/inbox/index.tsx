import { Text, View } from '@tarojs/components';
import { contracts, type Notification } from '@linli/shared';
import { request, useApi } from '../../../api';
import EmptyState from '../../../components/empty-state';
import PageLayout from '../../../components/page-layout';
import { formatDateTime } from '../../../format/time';
import { useReloadOnShow } from '../../../hooks/reload-on-show';
import { useSession } from '../../../hooks/session';
import { useI18n } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';

/** 消息: my notifications, newest first; one about an order opens 我的订单. */
export default function InboxPage() {
  const { t } = useI18n();
  const { loggedIn } = useSession();
  const notifications = useApi(loggedIn ? 'my-notifications' : null, () => request(contracts.listMyNotifications));
  useReloadOnShow(notifications.reload);
  return (
    <PageLayout
      title="inbox.title"
      requires="session"
      loading={notifications.loading}
      error={notifications.error}
      onRetry={notifications.reload}
    >
      {notifications.data?.items.length === 0 ? <EmptyState id="inbox-empty" title={t('inbox.empty')} /> : null}
      <View className="list" id="inbox">
        {notifications.data?.items.map((notification) => (
          <NotificationCard key={notification.id} notification={notification} />
        ))}
      </View>
    </PageLayout>
  );
}

function NotificationCard({ notification }: { notification: Notification }) {
  const { t, language } = useI18n();
  const opensOrders = notification.orderId !== undefined;
  return (
    <View
      className="card"
      id={`notification-${notification.id}`}
      onClick={opensOrders ? () => openPage(ROUTES.myOrders) : undefined}
    >
      <Text className="card__label">{notification.title}</Text>
      <Text className="confirm__text">{notification.body}</Text>
      <Text className="card__hint">{formatDateTime(notification.createdAt, language)}</Text>
      {opensOrders ? <Text className="card__hint">{t('inbox.openOrders')}</Text> : null}
    </View>
  );
}
