import type { zhCN } from '../desk';

/** The English of catalogues/desk.ts, key for key (a chunk of its own on H5: ../english.ts). */
export const en: Record<keyof typeof zhCN, string> = {
  'desk.sections': 'Office sections',
  'desk.home': 'Office home',
  'desk.group.timebank': 'Time bank',
  'desk.group.market': 'Points supermarket',
  'desk.group.alliance': 'Merchant alliance',
  'desk.group.shop': 'Handmade shop',
  'desk.group.fund': 'Charity fund',
  'desk.group.admin': 'Community administration',

  'table.filter': 'Filter',
  'table.filterPlaceholder': 'Type to filter the rows loaded',
  'table.shown': 'Showing {shown} of {loaded}',
  'table.moreOnServer':
    'More rows are on the server: sorting and filtering apply to the {loaded} loaded. Press “Load more” for the next page.',
  'table.noMatch': 'No loaded row matches the filter',
  'table.actions': 'Actions',
  'table.select': 'Select',

  'deskClaims.caption': 'Volunteer hours waiting for approval',
  'deskClaims.member': 'Resident',
  'deskClaims.activity': 'Activity',
  'deskClaims.minutes': 'Duration',
  'deskClaims.points': 'Points',
  'deskClaims.source': 'Source',
  'deskClaims.submitted': 'Submitted',

  'deskOrders.caption': 'Artisan shop orders',
  'deskOrders.buyer': 'Buyer',
  'deskOrders.items': 'Items',
  'deskOrders.total': 'Total',
  'deskOrders.fund': 'To the fund',
  'deskOrders.status': 'Status',
  'deskOrders.created': 'Ordered',

  'projector.open': 'Projector mode',
  'projector.exit': 'Exit projector',
  'projector.escape': 'Press Esc to exit',
};
