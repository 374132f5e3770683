/**
 * Accounts are addressed like formance's ledger: `member:{userId}` for a person,
 * `community:{name}` for the community's own system accounts. Member accounts may
 * never go below zero; system accounts may (issuance is where points come from).
 */
export const SYSTEM_ACCOUNTS = {
  /** Points are created here when hours are approved: its balance is minus everything issued. */
  issuance: 'community:issuance',
  /** Points spent at the credit supermarket end here. */
  redemption: 'community:redemption',
  /** Points members donate to the community. */
  pool: 'community:pool',
  /** Points that lapsed under the community's expiry policy. */
  expiry: 'community:expiry',
} as const;

export type SystemAccount = (typeof SYSTEM_ACCOUNTS)[keyof typeof SYSTEM_ACCOUNTS];
export type AccountAddress = SystemAccount | `member:${string}`;

export const memberAccount = (userId: string): AccountAddress => `member:${userId}`;

export const isMemberAccount = (address: string): address is `member:${string}` => address.startsWith('member:');

export const memberIdOf = (address: `member:${string}`): string => address.slice('member:'.length);
