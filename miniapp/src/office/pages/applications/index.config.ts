export default definePageConfig({ navigationBarTitleText: '商户入盟审核' });
