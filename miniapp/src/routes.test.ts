import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { FIRST_SCREEN_PAGES } from '../config/first-screen';
import { packageLayout } from './route-table';
import { ROUTES, TAB_ROUTES } from './routes';

interface AppConfig {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
  tabBar: { list: { pagePath: string }[] };
}

/** app.config.ts as Taro evaluates it at build time, where `defineAppConfig` gives back its argument. */
function appConfig(): AppConfig {
  const globals = globalThis as { defineAppConfig?: (config: AppConfig) => AppConfig };
  globals.defineAppConfig ??= (config) => config;
  return (require('./app.config') as { default: AppConfig }).default;
}

/** Every page of app.config.ts as a route: `/pages/home/index`, `/volunteer/pages/activity/index`, … */
function appConfigRoutes(config: AppConfig): string[] {
  return [
    ...config.pages.map((page) => `/${page}`),
    ...config.subPackages.flatMap((subPackage) => subPackage.pages.map((page) => `/${subPackage.root}/${page}`)),
  ];
}

/** Every `…/pages/<name>/index.tsx` under src, as a route. */
function pageSources(directory = __dirname): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return pageSources(full);
    const route = `/${path.relative(__dirname, full).split(path.sep).join('/')}`.replace(/\.tsx$/, '');
    return /\/pages\/[\w-]+\/index$/.test(route) ? [route] : [];
  });
}

const difference = (left: readonly string[], right: readonly string[]) => left.filter((item) => !right.includes(item));

describe('ROUTES and app.config.ts', () => {
  const routes: string[] = Object.values(ROUTES);
  const config = appConfig();

  it('name the same pages: none in one and not in the other', () => {
    const declared = appConfigRoutes(config);

    expect({ onlyInRoutes: difference(routes, declared), onlyInAppConfig: difference(declared, routes) }).toEqual({
      onlyInRoutes: [],
      onlyInAppConfig: [],
    });
  });

  it('name no page twice', () => {
    expect(new Set(routes).size).toBe(routes.length);
    expect(new Set(appConfigRoutes(config)).size).toBe(appConfigRoutes(config).length);
  });

  it('open the app on the home page and agree on the tab bar', () => {
    expect(`/${config.pages[0]}`).toBe(ROUTES.home);
    expect(config.tabBar.list.map((tab) => `/${tab.pagePath}`)).toEqual(TAB_ROUTES);
  });

  it('have a source and a page config for every page, and every page source is a route', () => {
    const missing = routes.filter(
      (route) =>
        !existsSync(path.join(__dirname, `${route}.tsx`)) || !existsSync(path.join(__dirname, `${route}.config.ts`)),
    );

    expect(missing).toEqual([]);
    expect(difference(pageSources(), routes)).toEqual([]);
  });
});

describe('the H5 entry script', () => {
  it('carries the pages a person lands on (config/first-screen.ts): routes of the main package', () => {
    const mainPackage = appConfig().pages.map((page) => `/${page}`);

    expect(FIRST_SCREEN_PAGES).toEqual(expect.arrayContaining([ROUTES.home, ROUTES.login, ROUTES.me]));
    expect(FIRST_SCREEN_PAGES.filter((page) => !mainPackage.includes(page))).toEqual([]);
  });
});

describe('packageLayout', () => {
  it('puts /pages/… in the main package and /<root>/pages/… in subpackage <root>, in the order given', () => {
    const layout = packageLayout([
      '/pages/home/index',
      '/volunteer/pages/activity/index',
      '/pages/me/index',
      '/fund/pages/index/index',
      '/volunteer/pages/hours/index',
    ]);

    expect(layout).toEqual({
      pages: ['pages/home/index', 'pages/me/index'],
      subPackages: [
        { root: 'volunteer', pages: ['pages/activity/index', 'pages/hours/index'] },
        { root: 'fund', pages: ['pages/index/index'] },
      ],
    });
  });
});
