export default definePageConfig({ navigationBarTitleText: '社区基金' });
