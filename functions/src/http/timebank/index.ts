import { areaHandler, type AreaRoutes } from '../area';

/** The timebank area's Lambda function: its routes (contract name → handler file); see `../area.ts`. */
export const routes = {
  createActivity: () => import('./create-activity'),
  listActivities: () => import('./list-activities'),
  getActivity: () => import('./get-activity'),
  updateActivity: () => import('./update-activity'),
  cancelActivity: () => import('./cancel-activity'),
  getCheckinCode: () => import('./get-checkin-code'),
  recordOfficeAttendance: () => import('./record-office-attendance'),
  checkin: () => import('./create-checkin'),
  listClaims: () => import('./list-claims'),
  bulkApproveClaims: () => import('./bulk-approve-claims'),
  approveClaim: () => import('./approve-claim'),
  rejectClaim: () => import('./reject-claim'),
  listMyClaims: () => import('./list-my-claims'),
  getCertificatePass: () => import('./get-certificate-pass'),
  revokeCertificate: () => import('./revoke-certificate'),
  reinstateCertificate: () => import('./reinstate-certificate'),
  createTeam: () => import('./create-team'),
  listTeams: () => import('./list-teams'),
  getTeam: () => import('./get-team'),
  updateTeam: () => import('./update-team'),
  addTeamMember: () => import('./add-team-member'),
  removeTeamMember: () => import('./remove-team-member'),
  requestToJoinTeam: () => import('./request-to-join-team'),
  listTeamJoinRequests: () => import('./list-team-join-requests'),
  approveTeamJoinRequest: () => import('./approve-team-join-request'),
  rejectTeamJoinRequest: () => import('./reject-team-join-request'),
} satisfies AreaRoutes;

export const handler = areaHandler(routes);
