export default definePageConfig({ navigationBarTitleText: '街道概览' });
