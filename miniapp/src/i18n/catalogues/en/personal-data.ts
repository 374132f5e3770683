import type { zhCN } from '../personal-data';

/** The English of catalogues/personal-data.ts, key for key (a chunk of its own on H5: ../english.ts). */
export const en: Record<keyof typeof zhCN, string> = {
  'closeAccount.title': 'Close my account',
  'closeAccount.what':
    'Closing takes your name, phone and ID number off every list and public page of your communities, moves your remaining points to the community pool, and you can no longer log in to this account.',
  'closeAccount.kept':
    'Records the law requires (volunteer service records, the fund’s accounts, points postings) are kept, without your name. Logging in again with the same WeChat starts a new, empty account.',
  'closeAccount.start': 'Close my account',
  'closeAccount.warning': 'Are you sure? A closed account cannot be restored.',
  'closeAccount.confirm': 'Yes, close it',
  'closeAccount.cancel': 'Keep my account',
  'closeAccount.done': 'Your account is closed',
  'closeAccount.obligation.order_unpaid': 'An order or donation is unpaid: pay or cancel it first',
  'closeAccount.obligation.order_unfulfilled':
    'An order is not collected yet: collect it, or ask the office for a refund',
  'closeAccount.obligation.pledge_active': 'A monthly pledge is running: cancel it under Donate first',
  'closeAccount.obligation.maker_owed':
    'The shop still owes you for your handmade sales: ask the office to settle first',
  'closeAccount.obligation.maker_order_open':
    'Someone ordered your handmade goods and has not received them yet: wait for the order, or ask the office',
  'error.account.open_obligations': 'Some things are still open, so the account cannot close yet (see below)',
  'error.auth.account_closed': 'This account was closed; please log in again',
  'consents.title': 'My consents',
  'consents.kind.privacy_guide': 'Privacy guide',
  'consents.kind.id_number': 'My ID number (service certificates, insurance)',
  'consents.kind.donor_name_public': 'My name on the fund’s public page',
  'consents.given': 'Given ({time})',
  'consents.withdrawnAt': 'Withdrawn ({time})',
  'consents.never': 'Not given',
  'consents.withdraw': 'Withdraw',
  'consents.withdrawn.privacy_guide': 'Withdrawn',
  'consents.withdrawn.id_number': 'Withdrawn; your ID number is deleted',
  'consents.withdrawn.donor_name_public': 'Withdrawn; your name is off the fund’s public page',
  'myData.title': 'My data',
  'myData.meLinkHint': 'See, download and correct your personal data',
  'myData.intro':
    'Under China’s Personal Information Protection Law you may see, copy and correct everything Linli keeps about you. The file holds your records in every community you belong to.',
  'myData.containsTitle': 'What the file holds',
  'myData.contains.profile':
    'Your account: nickname, when you joined, the privacy-guide versions you accepted, notifications, message permissions',
  'myData.contains.membership': 'Each community membership: number, roles, display name, when you joined',
  'myData.contains.volunteer':
    'Volunteer profile (with your full ID number), hour claims, sign-ups, teams, record corrections and certificates',
  'myData.contains.points': 'Your points account and every posting, monthly earnings, redemptions',
  'myData.contains.shop': 'Orders, donations, monthly pledges, donation receipt requests, handmade goods you listed',
  'myData.contains.other':
    'Proxies (who acts for you, whom you act for), merchant roles, discounts used, complaints, contributions, photos you uploaded',
  'myData.notIncluded':
    'Not included: your WeChat login identifier (openid) and session key, which only serve to log in and are not information about you; the community’s own records (activity rosters, the audit log) stay with the community.',
  'myData.fileHint': 'The file is JSON and opens in any text editor. At most 10 downloads an hour.',
  'myData.download': 'Download my data',
  'myData.downloaded': 'Downloaded: {name}',
  'myData.savedWechat': 'Saved on this phone; forward it to a chat from the window that opens to keep it',
  'myData.correctTitle': 'Correct my details',
  'myData.displayName': 'Your name in this community',
  'myData.displayNameHint':
    'Other residents see this name (rosters, certificates, the honour roll); it goes through a content check.',
  'myData.displayNameRequired': 'Please enter a name',
  'myData.displayNameSaved': 'Your name is updated',
  'myData.saveName': 'Save name',
  'myData.profileLink': 'Correct real name, phone, ID number (volunteer profile)',
  'myData.recordLink': 'Correct your volunteer service record',
  'myData.back': 'Back',
  'error.export.too_large': 'Too much data to export at once; narrow the range or ask your community office',
  'error.rate.limited': 'Too many tries; please wait a moment and try again',
};
