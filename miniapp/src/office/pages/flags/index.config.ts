export default definePageConfig({ navigationBarTitleText: '冒用核查' });
