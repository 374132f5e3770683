export default definePageConfig({ navigationBarTitleText: '邀请加入' });
