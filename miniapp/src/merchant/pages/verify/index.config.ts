export default definePageConfig({ navigationBarTitleText: '核验志愿者证' });
