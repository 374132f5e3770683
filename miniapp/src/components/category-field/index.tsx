import { Text, View } from '@tarojs/components';
import type { ActivityCategoryDefinition } from '@linli/shared';
import { categoryLabel, useI18n } from '../../i18n';
import ChoiceTabs from '../choice-tabs';

/**
 * An activity's category: the community's own categories as tabs (`#<idPrefix>-<id>`), a hint while
 * they load (`categories` undefined or empty).
 */
export default function CategoryField({
  idPrefix,
  value,
  categories,
  onChange,
}: {
  idPrefix: string;
  value: string | undefined;
  categories: readonly ActivityCategoryDefinition[] | undefined;
  onChange: (category: string) => void;
}) {
  const { t } = useI18n();
  return (
    <View className="field">
      <Text className="field__label">{t('newActivity.category')}</Text>
      {categories && categories.length > 0 ? (
        <ChoiceTabs
          idPrefix={idPrefix}
          value={value}
          onChange={onChange}
          choices={categories.map((category) => ({
            value: category.id,
            label: categoryLabel(t, category.id, categories),
          }))}
        />
      ) : (
        <Text className="card__hint">{t('newActivity.categoriesLoading')}</Text>
      )}
    </View>
  );
}
