import { Text } from '@tarojs/components';
import NavRow from '../../../components/nav-row';
import OfficeLayout from '../../components/office-layout';
import { useI18n } from '../../../i18n';
import { openPage } from '../../../routes';
import { OFFICE_SECTIONS } from '../../sections';
import './index.scss';

/**
 * The community office console: what staff do, by section (OFFICE_SECTIONS). On a phone one large
 * line each; at a desk (the sidebar holds the same list) each section is a card of tiles.
 */
export default function OfficePage() {
  return <OfficeLayout title="office.title">{({ desk }) => (desk ? <SectionTiles /> : <SectionRows />)}</OfficeLayout>;
}

function SectionRows() {
  const { t } = useI18n();
  return (
    <>
      {OFFICE_SECTIONS.map((section) => [
        <Text key={section.id} className="section-title">
          {t(section.title)}
        </Text>,
        ...section.links.map((link) => (
          <NavRow
            key={link.id}
            id={link.id}
            label={t(link.label)}
            hint={t(link.hint)}
            onClick={() => openPage(link.route)}
          />
        )),
      ])}
    </>
  );
}

/** At a desk (H5 only, so plain HTML): one card per section, one tile button per place, with its hint. */
function SectionTiles() {
  const { t } = useI18n();
  return (
    <div className="office-tiles" id="office-sections">
      {OFFICE_SECTIONS.map((section) => (
        <section
          key={section.id}
          className="card office-tiles__section"
          id={`office-section-${section.id}`}
          aria-labelledby={`office-section-${section.id}-title`}
        >
          <h2 className="office-tiles__title" id={`office-section-${section.id}-title`}>
            {t(section.title)}
          </h2>
          <div className="office-tiles__grid">
            {section.links.map((link) => (
              <button
                type="button"
                key={link.id}
                id={link.id}
                className="office-tile"
                onClick={() => void openPage(link.route)}
              >
                <span className="office-tile__label">{t(link.label)}</span>
                <span className="office-tile__hint">{t(link.hint)}</span>
              </button>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
