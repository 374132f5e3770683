export default definePageConfig({ navigationBarTitleText: '志愿服务记录与证明' });
