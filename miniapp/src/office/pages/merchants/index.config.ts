export default definePageConfig({ navigationBarTitleText: '联盟商户管理' });
