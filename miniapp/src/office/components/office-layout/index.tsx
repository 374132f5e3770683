import type { ReactNode } from 'react';
import type { MeResponse } from '@linli/shared';
import { isOffice, useMe } from '../../../hooks/me';
import { useI18n, type MessageKey } from '../../../i18n';
import EmptyState from '../../../components/empty-state';
import PageLayout from '../../../components/page-layout';

export interface Office {
  communityId: string;
  me: MeResponse;
}

/** PageLayout for community office pages: shows them to staff and admins only. */
export default function OfficeLayout({
  title,
  children,
}: {
  title: MessageKey;
  children: (office: Office) => ReactNode;
}) {
  const { t } = useI18n();
  const me = useMe();
  return (
    <PageLayout title={title} requires="community" loading={me.loading} error={me.error} onRetry={me.reload}>
      {me.data && isOffice(me.data) ? children({ communityId: me.communityId, me: me.data }) : null}
      {me.data && !isOffice(me.data) ? (
        <EmptyState id="office-forbidden" title={t('office.staffOnly')} hint={t('office.staffOnlyHint')} />
      ) : null}
    </PageLayout>
  );
}
