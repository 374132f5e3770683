import type { NotificationMessageSpec } from './index';

/** The office's notices: the month's recognition (its citation is the staff's own words). */
export const OFFICE_MESSAGES = {
  'recognition.awarded': {
    values: { month: 'date', citation: 'text' },
    title: '{month} 月度优秀志愿者',
    body: '{citation}',
  },
} as const satisfies Record<string, NotificationMessageSpec>;
