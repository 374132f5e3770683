import { Text, View } from '@tarojs/components';
import { useI18n } from '../../../i18n';
import './index.scss';

export type ChartTone = 'green' | 'amber' | 'blue' | 'red' | 'grey';

export interface ChartSeries {
  key: string;
  label: string;
  tone: ChartTone;
}

export interface BarChartProps {
  /** `#<id>` on the chart; each bar is `data-testid="<id>-<series>-<category key>"` with its value. */
  id: string;
  title: string;
  /** Shown under the title: the unit, what a bar means. */
  hint?: string;
  series: readonly ChartSeries[];
  /** The label under each group of bars (a month). */
  categories: readonly string[];
  /** A stable key per group (e.g. `2026-12`) for the bars' test ids; the group's index when absent. */
  categoryKeys?: readonly string[];
  /** `values[category][series]`, never negative. */
  values: readonly (readonly number[])[];
  formatValue: (value: number) => string;
}

/**
 * A grouped bar chart drawn with plain Views (percentage heights; no canvas, no chart library),
 * so it works the same in WeChat and in the browser and grows with large-text mode.
 * A table with the same figures follows, for screen readers and for reading exact numbers.
 */
/** Taro's View types leave out `tabIndex`, which the H5 build passes to the element. */
const KEYBOARD_FOCUSABLE = { tabIndex: 0 } as object;

export default function BarChart({
  id,
  title,
  hint,
  series,
  categories,
  categoryKeys,
  values,
  formatValue,
}: BarChartProps) {
  const { t } = useI18n();
  const highest = Math.max(0, ...values.flat());
  return (
    <View className="card chart" id={id}>
      <Text className="chart__title">{title}</Text>
      {hint ? <Text className="card__hint">{hint}</Text> : null}
      <View className="chart__legend">
        {series.map((one) => (
          <View className="chart__legend-item" key={one.key}>
            <View className={`chart__swatch chart__swatch--${one.tone}`} />
            <Text>{one.label}</Text>
          </View>
        ))}
      </View>
      <View className="chart__body">
        <View className="chart__axis" aria-hidden="true">
          <Text className="chart__axis-label">{formatValue(highest)}</Text>
          <Text className="chart__axis-label">{formatValue(0)}</Text>
        </View>
        {/* Scrolls sideways on a phone: focusable, so a keyboard can scroll it too (WCAG 2.1.1). */}
        <View className="chart__scroll" {...KEYBOARD_FOCUSABLE} role="region" aria-label={title}>
          <View className="chart__plot">
            {categories.map((category, index) => (
              <View className="chart__group" key={category}>
                <View className="chart__bars">
                  {series.map((one, seriesIndex) => {
                    const value = values[index]?.[seriesIndex] ?? 0;
                    return (
                      <View className="chart__slot" key={one.key}>
                        <Text className="chart__value">{value > 0 ? formatValue(value) : ''}</Text>
                        <View
                          className={`chart__bar chart__bar--${one.tone}`}
                          style={{ height: `${barPercent(value, highest)}%` }}
                          data-testid={`${id}-${one.key}-${categoryKeys?.[index] ?? index}`}
                          data-value={String(value)}
                          // A picture of one number: a name needs a role (axe aria-prohibited-attr on a <div>).
                          role="img"
                          aria-label={`${category} ${one.label} ${formatValue(value)}`}
                        />
                      </View>
                    );
                  })}
                </View>
                <Text className="chart__category">{category}</Text>
              </View>
            ))}
          </View>
        </View>
      </View>
      {highest === 0 ? (
        <Text className="card__hint" id={`${id}-empty`}>
          {t('chart.noData')}
        </Text>
      ) : null}
      <ChartTable id={id} series={series} categories={categories} values={values} formatValue={formatValue} />
    </View>
  );
}

function ChartTable({
  id,
  series,
  categories,
  values,
  formatValue,
}: Pick<BarChartProps, 'id' | 'series' | 'categories' | 'values' | 'formatValue'>) {
  const { t } = useI18n();
  return (
    <View className="chart-table" id={`${id}-table`}>
      <View className="chart-table__row chart-table__row--head">
        <Text className="chart-table__cell chart-table__cell--first">{t('chart.month')}</Text>
        {series.map((one) => (
          <Text className="chart-table__cell" key={one.key}>
            {one.label}
          </Text>
        ))}
      </View>
      {categories.map((category, index) => (
        <View className="chart-table__row" key={category}>
          <Text className="chart-table__cell chart-table__cell--first">{category}</Text>
          {series.map((one, seriesIndex) => (
            <Text className="chart-table__cell" key={one.key}>
              {formatValue(values[index]?.[seriesIndex] ?? 0)}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

/**
 * A bar's height in percent of the tallest, one decimal: 0 stays 0; any value above 0 gets
 * at least 1% so a small month is still visible; all zeros give flat bars (no division by zero).
 */
export function barPercent(value: number, highest: number): number {
  if (value <= 0 || highest <= 0) return 0;
  return Math.max(1, Math.round((value * 1000) / highest) / 10);
}
