import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { EXPENSE_CATEGORIES, type FundEntry, type ImageView } from '@linli/shared';
import { formatSignedYuan, shortHash } from '../../format/fund';
import { formatYuan } from '../../format/market';
import { formatDateTime } from '../../format/time';
import { useI18n, type Translate } from '../../i18n';
import ImageGallery from '../image-gallery';

/**
 * One entry of the public fund ledger: its kind (销售分成, 捐赠…), what for and from whom, an expense's
 * receipt photo (tap to enlarge), the signed amount, the balance after it and its hash — tap the row to
 * see the whole hash and the one it chains to.
 */
/**
 * An entry as the page shows it, with what the page's maps hold beside it: the receipt photo's view
 * (`receipts`), a donor's released message (`messages`), the donor's name if they chose it (`donors`).
 */
export type FundEntryWithReceipt = FundEntry & { receipt?: ImageView; message?: string; donor?: string };

export default function FundEntryRow({ entry }: { entry: FundEntryWithReceipt }) {
  const { t, language } = useI18n();
  const [expanded, setExpanded] = useState(false);
  const direction = entry.amountFen > 0 ? 'in' : 'out';
  const prefix = `fund-entry-${entry.sequence}`;
  return (
    <View className="card ledger-row fund-entry" id={prefix} onClick={() => setExpanded((open) => !open)}>
      <View className="row">
        <View className="row__text">
          <Text className="card__value fund-entry__kind">
            #{entry.sequence} {t(`fund.kind.${entry.kind}`)}
          </Text>
          <Text className="ledger-row__memo">{entry.description}</Text>
          {entry.message ? (
            <Text className="ledger-row__memo fund-entry__message" id={`${prefix}-message`}>
              {t('fund.donorMessage', { message: entry.message })}
            </Text>
          ) : null}
          {entry.donor ? (
            <Text className="card__hint" id={`${prefix}-donor`}>
              {t('fund.donor', { name: entry.donor })}
            </Text>
          ) : entry.kind === 'donation' || entry.kind === 'pledge' ? (
            <Text className="card__hint" id={`${prefix}-donor`}>
              {t('fund.anonymousDonor')}
            </Text>
          ) : null}
          {entry.category ? <Text className="card__hint">{categoryLabel(t, entry.category)}</Text> : null}
          {entry.receipt ? (
            <ImageGallery id={`${prefix}-receipt`} images={[entry.receipt]} subject={t('photos.receipt')} />
          ) : null}
          <Text className="card__hint">{formatDateTime(entry.createdAt, language)}</Text>
        </View>
        <View className="ledger-row__side">
          <Text
            className={`ledger-row__amount ledger-row__amount--${direction} fund-entry__amount`}
            id={`${prefix}-amount`}
          >
            {formatSignedYuan(entry.amountFen)}
          </Text>
          <Text className="card__hint fund-entry__balance" id={`${prefix}-balance`}>
            {t('fund.balanceAfter', { balance: formatYuan(entry.balanceAfterFen) })}
          </Text>
        </View>
      </View>
      <Text className="card__hint hash fund-entry__hash" id={`${prefix}-hash`}>
        {expanded ? entry.hash : `${t('fund.hash')} ${shortHash(entry.hash)}…`}
      </Text>
      {expanded ? (
        <Text className="card__hint hash" id={`${prefix}-previous`}>
          {t('fund.previousHash', { hash: entry.previousHash })}
        </Text>
      ) : null}
    </View>
  );
}

/** An expense category in words (`elderly_care` → 助老); an unknown one as it is. */
export function categoryLabel(t: Translate, category: string): string {
  const known = EXPENSE_CATEGORIES.find((candidate) => candidate === category);
  return known ? t(`fund.category.${known}`) : category;
}
