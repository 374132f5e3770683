import type { ReactNode } from 'react';
import type { MerchantDetail } from '@linli/shared';
import { useMyMerchants } from '../../../hooks/merchant';
import { useI18n, type MessageKey } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';
import ChoiceTabs from '../../../components/choice-tabs';
import EmptyState from '../../../components/empty-state';
import NavRow from '../../../components/nav-row';
import PageLayout from '../../../components/page-layout';

export interface MerchantConsole {
  communityId: string;
  merchant: MerchantDetail;
  /** Load my merchants again (after the offer or the staff changed). */
  reload: () => void;
}

/** PageLayout for the merchant console: for the owner and staff of an alliance merchant only. */
export default function MerchantLayout({
  title,
  children,
}: {
  title: MessageKey;
  children: (console: MerchantConsole) => ReactNode;
}) {
  const { t } = useI18n();
  const mine = useMyMerchants();
  const merchants = mine.data?.items ?? [];
  return (
    <PageLayout title={title} requires="community" loading={mine.loading} error={mine.error} onRetry={mine.reload}>
      {merchants.length > 1 ? (
        <ChoiceTabs
          idPrefix="merchant-choice"
          value={mine.merchant?.id}
          onChange={mine.select}
          choices={merchants.map((merchant) => ({ value: merchant.id, label: merchant.name }))}
        />
      ) : null}
      {mine.merchant ? children({ communityId: mine.communityId, merchant: mine.merchant, reload: mine.reload }) : null}
      {mine.data && !mine.merchant ? (
        <>
          <EmptyState id="merchant-none" title={t('merchantConsole.none')} hint={t('merchantConsole.noneHint')} />
          <NavRow id="merchant-apply" label={t('market.apply')} onClick={() => openPage(ROUTES.merchantApply)} />
        </>
      ) : null}
    </PageLayout>
  );
}
