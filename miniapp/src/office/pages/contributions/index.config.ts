export default definePageConfig({ navigationBarTitleText: '记录贡献' });
