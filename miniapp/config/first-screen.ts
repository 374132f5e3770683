/**
 * The pages a person lands on when opening the H5 app: 首页 (the default route), 登录 (where 首页 sends a
 * visitor) and 我的 (a returning resident's, and where links to one's account lead). They are built into
 * the entry script, so the first screen needs no second and third round trip for the page's own chunks
 * (each ~0.6 s on a slow mobile network; issue 21); their lazy `import()` then resolves from the entry.
 * Routes as in src/route-table.ts (which the build's config loader cannot read; routes.test.ts checks).
 */
export const FIRST_SCREEN_PAGES = ['/pages/home/index', '/pages/login/index', '/pages/me/index'];
