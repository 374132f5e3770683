import ClaimQueue from '../../components/claim-queue';
import OfficeLayout from '../../components/office-layout';

/** The approval queue: pending volunteer hours waiting for a staff member's decision. */
export default function OfficeClaimsPage() {
  return (
    <OfficeLayout title="office.claims">
      {({ communityId, desk }) => <ClaimQueue communityId={communityId} desk={desk} />}
    </OfficeLayout>
  );
}
