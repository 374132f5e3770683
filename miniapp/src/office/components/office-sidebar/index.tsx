import { useEffect, useRef } from 'react';
import { ROUTES, currentPageUrl, openPage, replacePage, type Route } from '../../../routes';
import { useI18n } from '../../../i18n';
import { OFFICE_SECTIONS, officeLinkOf } from '../../sections';
import './index.scss';

/**
 * The office console's sections down the left of the window at a desk (H5 only, so plain HTML: a
 * `nav` of buttons), grouped as on the office home; the link of the page shown is `aria-current`.
 */
export default function OfficeSidebar({ current = currentPageUrl() }: { current?: string }) {
  const { t } = useI18n();
  const here = officeLinkOf(current);
  const onHome = current.split('?')[0] === ROUTES.office;
  // From one section's page to another the sidebar replaces the page (the stack does not grow with
  // each click); from the office home it opens it, so "back" returns home.
  const go = (route: Route) => (here ? replacePage(route) : openPage(route));
  const nav = useRef<HTMLElement>(null);
  useEffect(() => {
    // A long sidebar scrolls: bring the current link into view once the page has slid in (Taro shows it late).
    const timer = setTimeout(() => {
      nav.current?.querySelector('[aria-current="page"]')?.scrollIntoView?.({ block: 'nearest' });
    }, 400);
    return () => clearTimeout(timer);
  }, [here]);
  return (
    <nav ref={nav} className="office-sidebar" id="office-sidebar" aria-label={t('desk.sections')}>
      <button
        type="button"
        id="office-nav-home"
        className={onHome ? 'office-sidebar__home office-sidebar__link--on' : 'office-sidebar__home'}
        aria-current={onHome ? 'page' : undefined}
        onClick={() => void go(ROUTES.office)}
      >
        {t('office.title')}
      </button>
      {OFFICE_SECTIONS.map((section) => (
        <section className="office-sidebar__group" key={section.id} aria-labelledby={`office-nav-group-${section.id}`}>
          <h2 className="office-sidebar__title" id={`office-nav-group-${section.id}`}>
            {t(section.title)}
          </h2>
          {section.links.map((link) => (
            <button
              type="button"
              key={link.id}
              id={link.id.replace(/^office-/, 'office-nav-')}
              className={link === here ? 'office-sidebar__link office-sidebar__link--on' : 'office-sidebar__link'}
              aria-current={link === here ? 'page' : undefined}
              onClick={() => void go(link.route)}
            >
              {t(link.label)}
            </button>
          ))}
        </section>
      ))}
    </nav>
  );
}
