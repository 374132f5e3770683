export default definePageConfig({ navigationBarTitleText: '微益坊' });
