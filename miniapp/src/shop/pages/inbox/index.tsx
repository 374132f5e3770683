import { Text, View } from '@tarojs/components';
import { contracts, type Notification, type NotificationKind } from '@linli/shared';
import { request, useApi } from '../../../api';
import EmptyState from '../../../components/empty-state';
import PageLayout from '../../../components/page-layout';
import { noticeText, type CurrencyNames } from '../../../format/notices';
import { formatDateTime } from '../../../format/time';
import { useReloadOnShow } from '../../../hooks/reload-on-show';
import { useSession } from '../../../state/session';
import { useI18n } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';

/** A picture for each kind of message, so the list can be read at a glance. */
export const NOTIFICATION_ICONS: Record<NotificationKind, string> = {
  claim_decided: '⏱️',
  certificate_issued: '🎖️',
  certificate_revoked: '⚠️',
  redemption_ready: '🎁',
  order_status: '🛍️',
  pledge_due: '💗',
  complaint_resolved: '📮',
  points_received: '🪙',
  points_expiring: '⏳',
  points_expired: '⌛',
  recognized: '🏅',
  certificate_review: '🔍',
  signup_promoted: '✅',
  activity_reminder: '⏰',
  activity_cancelled: '🚫',
  team_membership: '🤝',
  merchant_application: '🏪',
  service_record: '📜',
};

/** Where tapping a message leads: its order, or its activity; nowhere for the others. */
function destinationOf(notification: Notification): (() => unknown) | undefined {
  if (notification.orderId !== undefined) return () => openPage(ROUTES.myOrders);
  if (notification.objectType === 'activity' && notification.objectId) {
    const id = notification.objectId;
    return () => openPage(ROUTES.activity, { id });
  }
  return undefined;
}

interface Inbox {
  items: Notification[];
  /** Each of my communities' currency names, by community id. */
  currencies: Map<string, CurrencyNames>;
}

/** My notifications, and my communities to name their currencies in the reader's language. */
async function loadInbox(): Promise<Inbox> {
  const [notifications, communities] = await Promise.all([
    request(contracts.listMyNotifications),
    // Without them a text that names a currency shows as stored (Chinese): no reason to fail the inbox.
    request(contracts.listMyCommunities).catch(() => ({ items: [] })),
  ]);
  return {
    items: notifications.items,
    currencies: new Map(communities.items.map(({ community }) => [community.id, community])),
  };
}

/** 消息: my notifications, newest first, in the language I chose; one about an order opens 我的订单. */
export default function InboxPage() {
  const { t } = useI18n();
  const { loggedIn } = useSession();
  const notifications = useApi(loggedIn ? 'my-notifications' : null, loadInbox);
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
          <NotificationCard
            key={notification.id}
            notification={notification}
            community={notifications.data?.currencies.get(notification.communityId)}
          />
        ))}
      </View>
    </PageLayout>
  );
}

function NotificationCard({
  notification,
  community,
}: {
  notification: Notification;
  community: CurrencyNames | undefined;
}) {
  const { t, language } = useI18n();
  const opensOrders = notification.orderId !== undefined;
  const text = noticeText(notification, t, language, community);
  return (
    <View className="card" id={`notification-${notification.id}`} onClick={destinationOf(notification)}>
      <View className="row notification__head">
        <Text className="notification__icon">{NOTIFICATION_ICONS[notification.kind] ?? '🔔'}</Text>
        <Text className="card__label row__text notification__kind">{t(`notification.kind.${notification.kind}`)}</Text>
      </View>
      <Text className="card__value notification__title">{text.title}</Text>
      <Text className="confirm__text notification__body">{text.body}</Text>
      <Text className="card__hint">{formatDateTime(notification.createdAt, language)}</Text>
      {opensOrders ? <Text className="card__hint">{t('inbox.openOrders')}</Text> : null}
    </View>
  );
}
