export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/activities/index',
    'pages/market/index',
    'pages/me/index',
    'pages/login/index',
    'pages/communities/index',
  ],
  subPackages: [
    {
      root: 'volunteer',
      pages: ['pages/activity/index', 'pages/hours/index', 'pages/ledger/index', 'pages/certificate/index'],
    },
    {
      root: 'office',
      pages: [
        'pages/index/index',
        'pages/new-activity/index',
        'pages/activities/index',
        'pages/checkin-code/index',
        'pages/attendance/index',
        'pages/claims/index',
        'pages/certificates/index',
      ],
    },
  ],
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
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/activities/index',
        text: '活动',
        iconPath: 'assets/tab/activities.png',
        selectedIconPath: 'assets/tab/activities-active.png',
      },
      {
        pagePath: 'pages/market/index',
        text: '集市',
        iconPath: 'assets/tab/market.png',
        selectedIconPath: 'assets/tab/market-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
});
