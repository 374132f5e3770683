import { configPath, packageLayout, ROUTES } from './route-table';

// Taro reads this file at build time (in node) and writes app.json; the pages and their packages come
// from the route table, so a page is named once (routes.test.ts holds the two together).
export default defineAppConfig({
  ...packageLayout(Object.values(ROUTES)),
  // WeChat's privacy check (《小程序隐私协议开发指南》): privacy APIs wait for the user's agreement,
  // asked by the prompt that state/privacy.ts registers through onNeedPrivacyAuthorization.
  __usePrivacyCheck__: true,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f7a4d',
    navigationBarTitleText: '邻里',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f7f4',
  },
  tabBar: {
    color: '#4f5a55',
    selectedColor: '#1f7a4d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: configPath(ROUTES.home),
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: configPath(ROUTES.activities),
        text: '活动',
        iconPath: 'assets/tab/activities.png',
        selectedIconPath: 'assets/tab/activities-active.png',
      },
      {
        pagePath: configPath(ROUTES.market),
        text: '集市',
        iconPath: 'assets/tab/market.png',
        selectedIconPath: 'assets/tab/market-active.png',
      },
      {
        pagePath: configPath(ROUTES.me),
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
});
