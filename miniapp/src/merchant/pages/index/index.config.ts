export default definePageConfig({ navigationBarTitleText: '商户后台' });
