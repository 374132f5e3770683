import NavRow from '../../../components/nav-row';
import OfficeLayout from '../../../components/office-layout';
import { useI18n } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';

/** The community office console: what staff do, one large line each. */
export default function OfficePage() {
  const { t } = useI18n();
  return (
    <OfficeLayout title="office.title">
      {() => (
        <>
          <NavRow
            id="office-new-activity"
            label={t('office.newActivity')}
            hint={t('office.newActivityHint')}
            onClick={() => openPage(ROUTES.officeNewActivity)}
          />
          <NavRow
            id="office-activities"
            label={t('office.activities')}
            hint={t('office.activitiesHint')}
            onClick={() => openPage(ROUTES.officeActivities)}
          />
          <NavRow
            id="office-claims"
            label={t('office.claims')}
            hint={t('office.claimsHint')}
            onClick={() => openPage(ROUTES.officeClaims)}
          />
          <NavRow
            id="office-certificates"
            label={t('office.certificates')}
            hint={t('office.certificatesHint')}
            onClick={() => openPage(ROUTES.officeCertificates)}
          />
        </>
      )}
    </OfficeLayout>
  );
}
