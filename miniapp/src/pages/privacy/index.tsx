import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { PRIVACY_GUIDE, type GuideText, type PrivacyDataKind, type PrivacySection } from '@linli/shared';
import PageLayout from '../../components/page-layout';
import { useI18n, type Language, type MessageKey } from '../../i18n';
import { ROUTES, restartAt } from '../../routes';
import './index.scss';

/** The questions each kind of data answers, in the order shown. */
const ANSWERS: {
  key: keyof PrivacyDataKind & ('what' | 'why' | 'shownWhere' | 'retention' | 'whoSees');
  label: MessageKey;
}[] = [
  { key: 'what', label: 'privacy.what' },
  { key: 'why', label: 'privacy.why' },
  { key: 'shownWhere', label: 'privacy.shownWhere' },
  { key: 'retention', label: 'privacy.retention' },
  { key: 'whoSees', label: 'privacy.whoSees' },
];

/** Back to where the guide was opened from; opened directly (a link, a fresh tab), to the home page. */
function goBack(): void {
  Taro.navigateBack().catch(() => restartAt(ROUTES.home));
}

/**
 * 用户隐私保护指引 — public, no login: the guide from `@linli/shared` (PRIVACY_GUIDE) in the chosen
 * language, in large type, with a way back. Linked from the login page, 我的 and the agreement prompt.
 */
export default function PrivacyPage() {
  const { t, language } = useI18n();
  const guide = PRIVACY_GUIDE;
  return (
    <PageLayout title="privacy.title" withoutPrivacyPrompt>
      <View className="card privacy-guide" id="privacy-guide">
        <Text className="privacy-guide__heading">{guide.title[language]}</Text>
        <Text className="card__hint" id="privacy-version">
          {t('privacy.version', { version: guide.version, date: guide.effectiveDate })}
        </Text>
        <Text className="privacy-guide__text">{guide.intro[language]}</Text>
      </View>
      <View className="card privacy-guide">
        <Text className="privacy-guide__heading">{t('privacy.dataTitle')}</Text>
        {guide.dataKinds.map((kind) => (
          <DataKind key={kind.id} kind={kind} language={language} />
        ))}
      </View>
      {guide.sections.map((section) => (
        <Section key={section.id} section={section} language={language} />
      ))}
      <Button id="privacy-back" className="button button--secondary" onClick={goBack}>
        {t('privacy.back')}
      </Button>
    </PageLayout>
  );
}

function DataKind({ kind, language }: { kind: PrivacyDataKind; language: Language }) {
  const { t } = useI18n();
  return (
    <View className="privacy-kind" id={`privacy-kind-${kind.id}`}>
      <Text className="privacy-kind__name">{kind.name[language]}</Text>
      {kind.collected ? null : <Text className="card__hint">{t('privacy.notCollected')}</Text>}
      {kind.collected ? (
        ANSWERS.map(({ key, label }) => <Answer key={key} label={t(label)} text={kind[key]} language={language} />)
      ) : (
        <Text className="privacy-guide__text">{kind.what[language]}</Text>
      )}
    </View>
  );
}

function Answer({ label, text, language }: { label: string; text: GuideText; language: Language }) {
  return (
    <View className="privacy-kind__answer">
      <Text className="privacy-kind__label">{label}</Text>
      <Text className="privacy-guide__text">{text[language]}</Text>
    </View>
  );
}

function Section({ section, language }: { section: PrivacySection; language: Language }) {
  return (
    <View className="card privacy-guide" id={`privacy-section-${section.id}`}>
      <Text className="privacy-guide__heading">{section.title[language]}</Text>
      {section.paragraphs.map((paragraph) => (
        <Text key={paragraph['zh-CN']} className="privacy-guide__text">
          {paragraph[language]}
        </Text>
      ))}
    </View>
  );
}
