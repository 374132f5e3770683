import { areaHandler, type AreaRoutes } from '../area';

/** The market area's Lambda function: its routes (contract name → handler file); see `../area.ts`. */
export const routes = {
  submitMerchantApplication: () => import('./submit-merchant-application'),
  listMerchantApplications: () => import('./list-merchant-applications'),
  approveMerchantApplication: () => import('./approve-merchant-application'),
  rejectMerchantApplication: () => import('./reject-merchant-application'),
  listMerchants: () => import('./list-merchants'),
  getMerchant: () => import('./get-merchant'),
  getMerchantDetail: () => import('./get-merchant-detail'),
  listMyMerchants: () => import('./list-my-merchants'),
  updateMerchantOffer: () => import('./update-merchant-offer'),
  addMerchantStaff: () => import('./add-merchant-staff'),
  setMerchantStatus: () => import('./set-merchant-status'),
  verifyPass: () => import('./verify-pass'),
  listMerchantUses: () => import('./list-merchant-uses'),
  listFlags: () => import('./list-flags'),
  resolveFlag: () => import('./resolve-flag'),
  fileComplaint: () => import('./file-complaint'),
  listComplaints: () => import('./list-complaints'),
  resolveComplaint: () => import('./resolve-complaint'),
  createPost: () => import('./create-post'),
  listPosts: () => import('./list-posts'),
  takeDownPost: () => import('./take-down-post'),
  recordContribution: () => import('./record-contribution'),
  getLeaderboard: () => import('./get-leaderboard'),
  createGood: () => import('./create-good'),
  listGoods: () => import('./list-goods'),
  restockGood: () => import('./restock-good'),
  redeem: () => import('./redeem'),
  listMyRedemptions: () => import('./list-my-redemptions'),
  listRedemptions: () => import('./list-redemptions'),
  cancelRedemption: () => import('./cancel-redemption'),
  pickupRedemption: () => import('./pickup-redemption'),
} satisfies AreaRoutes;

export const handler = areaHandler(routes);
