import { areaHandler, type AreaRoutes } from '../area';

/** The fund area's Lambda function: its routes (contract name → handler file); see `../area.ts`. */
export const routes = {
  getFund: () => import('./get-fund'),
  exportFundCsv: () => import('./export-fund-csv'),
  recordFundIncome: () => import('./record-fund-income'),
  submitFundExpense: () => import('./submit-fund-expense'),
  listFundExpenses: () => import('./list-fund-expenses'),
  approveFundExpense: () => import('./approve-fund-expense'),
  rejectFundExpense: () => import('./reject-fund-expense'),
  donate: () => import('./donate'),
  createPledge: () => import('./create-pledge'),
  listMyPledges: () => import('./list-my-pledges'),
  changePledge: () => import('./change-pledge'),
  listDonationMessageReviews: () => import('./list-donation-message-reviews'),
  releaseDonationMessage: () => import('./release-donation-message'),
  removeDonationMessage: () => import('./remove-donation-message'),
  setFundHolder: () => import('./set-fund-holder'),
  requestDonationReceipt: () => import('./request-donation-receipt'),
  listReceiptRequests: () => import('./list-receipt-requests'),
  listMyReceiptRequests: () => import('./list-my-receipt-requests'),
  issueDonationReceipt: () => import('./issue-donation-receipt'),
  rejectReceiptRequest: () => import('./reject-receipt-request'),
} satisfies AreaRoutes;

export const handler = areaHandler(routes);
