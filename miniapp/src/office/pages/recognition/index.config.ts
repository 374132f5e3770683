export default definePageConfig({ navigationBarTitleText: '表彰志愿者' });
