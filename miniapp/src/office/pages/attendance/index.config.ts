export default definePageConfig({ navigationBarTitleText: '补录时长' });
