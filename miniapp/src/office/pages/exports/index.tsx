import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { EXPORT_DATASETS, type ExportDataset } from '@linli/shared';
import { downloadExport, type ExportFormat } from '../../../api/download';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import MonthField from '../../../components/month-field';
import SubmitButton from '../../../components/submit-button';
import OfficeLayout from '../../components/office-layout';
import { monthOf } from '../../../format/market';
import { daysOfMonth } from '../../../format/office';
import { useAction } from '../../../hooks/action';
import { useI18n } from '../../../i18n';

/** WeChat opens spreadsheets in its document viewer, which does not read CSV. */
const FORMATS: readonly ExportFormat[] = process.env.TARO_ENV === 'weapp' ? ['xlsx'] : ['xlsx', 'csv'];

/** 导出数据: one dataset for one month as an Excel or CSV file. */
export default function OfficeExportsPage() {
  return (
    <OfficeLayout title="office.exports">{({ communityId }) => <ExportForm communityId={communityId} />}</OfficeLayout>
  );
}

function ExportForm({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const [dataset, setDataset] = useState<ExportDataset>('hours');
  const [month, setMonth] = useState(() => monthOf(new Date()));
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const action = useAction();
  const { from, to } = daysOfMonth(month);

  const download = () =>
    action.run(async () => {
      await downloadExport({ communityId, dataset, from, to, format });
      return t('exports.done', { dataset: t(`exports.dataset.${dataset}`), from, to });
    });

  return (
    <View className="card" id="export-form">
      <Text className="card__label">{t('exports.dataset')}</Text>
      <ChoiceTabs
        idPrefix="export-dataset"
        choices={EXPORT_DATASETS.map((value) => ({ value, label: t(`exports.dataset.${value}`) }))}
        value={dataset}
        onChange={setDataset}
      />
      <Text className="card__hint" id="export-dataset-hint">
        {t(`exports.datasetHint.${dataset}`)}
      </Text>
      <Text className="card__label">{t('exports.month')}</Text>
      <MonthField idPrefix="export-month" value={month} onChange={setMonth} />
      <Text className="card__hint" id="export-days">
        {t('exports.days', { from, to })}
      </Text>
      {FORMATS.length > 1 ? (
        <>
          <Text className="card__label">{t('exports.format')}</Text>
          <ChoiceTabs
            idPrefix="export-format"
            choices={FORMATS.map((value) => ({ value, label: t(`exports.format.${value}`) }))}
            value={format}
            onChange={setFormat}
          />
        </>
      ) : null}
      <SubmitButton id="export-download" busy={action.busy} onClick={download}>
        {action.busy ? t('exports.downloading') : t('exports.download')}
      </SubmitButton>
      <ActionOutcome id="export" outcome={action.outcome} />
    </View>
  );
}
