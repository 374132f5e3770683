export default definePageConfig({ navigationBarTitleText: '申请加入商家联盟' });
