import type { ReactNode } from 'react';
import type { MeResponse } from '@linli/shared';
import { isOffice, useMe } from '../../../hooks/me';
import { useDeskLayout } from '../../../hooks/desk-layout';
import { useI18n, type MessageKey } from '../../../i18n';
import EmptyState from '../../../components/empty-state';
import PageLayout from '../../../components/page-layout';
import OfficeSidebar from '../office-sidebar';

export interface Office {
  communityId: string;
  me: MeResponse;
  /** The window is desk-wide (H5 on a PC): pages may show tables instead of cards. */
  desk: boolean;
}

/**
 * PageLayout for community office pages: shows them to staff and admins only. At a desk (H5, window
 * ≥ 1024 px) staff get the sections' sidebar and the page uses the window's width; on a phone and
 * on weapp the page is the usual column.
 */
export default function OfficeLayout({
  title,
  children,
}: {
  title: MessageKey;
  children: (office: Office) => ReactNode;
}) {
  const { t } = useI18n();
  const me = useMe();
  const desk = useDeskLayout();
  const staff = me.data !== undefined && isOffice(me.data);
  return (
    <PageLayout
      title={title}
      requires="community"
      loading={me.loading}
      error={me.error}
      onRetry={me.reload}
      aside={desk && staff ? <OfficeSidebar /> : undefined}
    >
      {me.data && staff ? children({ communityId: me.communityId, me: me.data, desk }) : null}
      {me.data && !staff ? (
        <EmptyState id="office-forbidden" title={t('office.staffOnly')} hint={t('office.staffOnlyHint')} />
      ) : null}
    </PageLayout>
  );
}
