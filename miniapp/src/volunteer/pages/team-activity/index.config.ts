export default definePageConfig({ navigationBarTitleText: '为服务队发布活动' });
