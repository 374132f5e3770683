import { areaHandler, type AreaRoutes } from '../area';

/** The timebank area's Lambda function: its routes (contract name → handler file); see `../area.ts`. */
export const routes = {
  createActivity: () => import('./create-activity'),
  listActivities: () => import('./list-activities'),
  getActivity: () => import('./get-activity'),
  updateActivity: () => import('./update-activity'),
  cancelActivity: () => import('./cancel-activity'),
  createActivitySeries: () => import('./create-activity-series'),
  getActivitySeries: () => import('./get-activity-series'),
  updateActivitySeries: () => import('./update-activity-series'),
  cancelActivitySeries: () => import('./cancel-activity-series'),
  getCheckinCode: () => import('./get-checkin-code'),
  recordOfficeAttendance: () => import('./record-office-attendance'),
  checkin: () => import('./create-checkin'),
  signUp: () => import('./sign-up'),
  cancelSignup: () => import('./cancel-signup'),
  listSignups: () => import('./list-signups'),
  getMySignup: () => import('./get-my-signup'),
  listMySignups: () => import('./list-my-signups'),
  listClaims: () => import('./list-claims'),
  bulkApproveClaims: () => import('./bulk-approve-claims'),
  approveClaim: () => import('./approve-claim'),
  rejectClaim: () => import('./reject-claim'),
  listMyClaims: () => import('./list-my-claims'),
  getCertificatePass: () => import('./get-certificate-pass'),
  revokeCertificate: () => import('./revoke-certificate'),
  reinstateCertificate: () => import('./reinstate-certificate'),
} satisfies AreaRoutes;

export const handler = areaHandler(routes);
