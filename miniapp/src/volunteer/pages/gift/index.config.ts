export default definePageConfig({ navigationBarTitleText: '赠送积分' });
