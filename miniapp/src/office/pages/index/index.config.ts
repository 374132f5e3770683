export default definePageConfig({ navigationBarTitleText: '社区办公' });
