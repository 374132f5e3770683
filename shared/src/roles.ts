import type { ActivityCategoryDefinition, Role } from './schemas/identity';

/**
 * Roles, the office's roles, the proxy header and the default activity categories as plain values:
 * `schemas/identity.ts` builds its schemas from these and re-exports them. Kept apart from every zod
 * schema so the browsers' first screen, which needs only these, loads no zod (issue 21).
 */
export const ROLES = ['resident', 'maker', 'merchant', 'staff', 'admin'] as const;

/** Roles that may act for the community office. */
export const OFFICE_ROLES: readonly Role[] = ['staff', 'admin'];

/** The header a proxy sends to act for a resident: `X-Act-For: <residentId>`. */
export const ACT_FOR_HEADER = 'x-act-for';

/**
 * The categories a new community starts with (and any community that never set its own): the
 * kinds of service the programmes Linli is built from record. Labels are zh-CN; the app shows
 * its own translation for these ids and the label for a community's own.
 */
export const DEFAULT_ACTIVITY_CATEGORIES: readonly ActivityCategoryDefinition[] = [
  { id: 'care', label: '关爱老人' },
  { id: 'cooking', label: '助餐做饭' },
  { id: 'cleaning', label: '清洁卫生' },
  { id: 'lecture', label: '讲座培训' },
  { id: 'publicity', label: '宣传倡导' },
  { id: 'escort', label: '陪同就医' },
  { id: 'snow', label: '扫雪除冰' },
  { id: 'environment', label: '环境保护' },
  { id: 'other', label: '其他' },
];

/** A community's activity categories: its own, or the default set. */
export const activityCategoriesOf = (rules: { activityCategories?: readonly ActivityCategoryDefinition[] }) =>
  rules.activityCategories ?? DEFAULT_ACTIVITY_CATEGORIES;
