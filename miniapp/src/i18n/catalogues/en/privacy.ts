import type { zhCN } from '../privacy';

/** The English of catalogues/privacy.ts, key for key (a chunk of its own on H5: ../english.ts). */
export const en: Record<keyof typeof zhCN, string> = {
  'privacy.title': 'Privacy guide',
  'privacy.version': 'Version {version}, in effect from {date}',
  'privacy.dataTitle': 'The personal data we handle',
  'privacy.what': 'What',
  'privacy.why': 'Why',
  'privacy.shownWhere': 'Where it shows',
  'privacy.retention': 'How long it is kept',
  'privacy.whoSees': 'Who sees it',
  'privacy.notCollected': 'Not collected',
  'privacy.back': 'Back',
  'privacy.readFull': 'Read the whole privacy guide',
  'privacy.agree': 'Agree and continue',
  'privacy.decline': 'Do not agree',
  'privacy.agreePrefix': 'I have read and agree to the ',
  'privacy.guideLink': 'privacy guide',
  'privacy.mustAgree': 'Please read the privacy guide and tick to agree first',
  'privacy.meLink': 'Privacy guide',
  'privacy.meLinkHint': 'What we collect, why, and how long we keep it',
};
