export default definePageConfig({ navigationBarTitleText: '代办管理' });
