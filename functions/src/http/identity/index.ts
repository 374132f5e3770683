import { areaHandler, type AreaRoutes } from '../area';

/** The identity area's Lambda function: its routes (contract name → handler file); see `../area.ts`. */
export const routes = {
  refreshToken: () => import('./refresh-token'),
  wechatLogin: () => import('./wechat-login'),
  listCommunities: () => import('./list-communities'),
  listMyCommunities: () => import('./list-my-communities'),
  getCommunity: () => import('./get-community'),
  updateCommunity: () => import('./update-community'),
  joinCommunity: () => import('./join-community'),
  createCommunity: () => import('./create-community'),
  setCommunityAdmin: () => import('./set-community-admin'),
  createInvitation: () => import('./create-invitation'),
  acceptInvitation: () => import('./accept-invitation'),
  getInvitationWxacode: () => import('./get-invitation-wxacode'),
  createDistrict: () => import('./create-district'),
  setDistrictOfficer: () => import('./set-district-officer'),
  listMyDistricts: () => import('./list-my-districts'),
  getMe: () => import('./get-me'),
  setMemberRoles: () => import('./set-member-roles'),
  listMembers: () => import('./list-members'),
  listMyNotifications: () => import('./list-my-notifications'),
  createOfflineMember: () => import('./create-offline-member'),
  createProxy: () => import('./create-proxy'),
  listMyProxies: () => import('./list-my-proxies'),
  listAllProxies: () => import('./list-all-proxies'),
  removeProxy: () => import('./remove-proxy'),
  getSubscriptions: () => import('./get-subscriptions'),
  subscribe: () => import('./subscribe'),
  acceptConsent: () => import('./accept-consent'),
  listMyConsents: () => import('./list-my-consents'),
  withdrawConsent: () => import('./withdraw-consent'),
  getMyDataExport: () => import('./get-my-data-export'),
  updateMyDisplayName: () => import('./update-my-display-name'),
  closeAccount: () => import('./close-account'),
} satisfies AreaRoutes;

export const handler = areaHandler(routes);
