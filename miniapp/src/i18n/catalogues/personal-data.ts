/** 我的数据 (issue 20 item 1): the data export and the corrections a person makes themself. */
export const zhCN = {
  'myData.title': '我的数据',
  'myData.meLinkHint': '查看、下载、更正我的个人信息',
  'myData.intro':
    '依照《个人信息保护法》，您可以查看、复制并更正邻里保存的关于您的全部信息。下载的文件包含您加入的每个社区里的记录。',
  'myData.containsTitle': '文件里有什么',
  'myData.contains.profile': '账号资料：昵称、注册时间、同意过的隐私指引版本、消息通知、订阅消息授权',
  'myData.contains.membership': '每个社区的成员身份：角色、显示名、加入时间',
  'myData.contains.volunteer': '志愿者资料（含完整身份证号）、服务时长申报、报名、志愿队、服务记录更正与证明',
  'myData.contains.points': '积分账户与每一笔收支、每月所得、兑换记录',
  'myData.contains.shop': '订单、捐赠、月月捐、上架的手工作品',
  'myData.contains.other': '代办关系（谁为我代办、我为谁代办）、商户身份、折扣使用、投诉、贡献记录、上传的照片',
  'myData.notIncluded':
    '不包含：微信登录标识（openid）和会话密钥，它们只用于登录，不是关于您的信息；社区整体的记录（如活动名单、审计日志）由社区保管。',
  'myData.fileHint': '文件为 JSON 格式，可用任何文本编辑器打开。每小时最多下载 10 次。',
  'myData.download': '下载我的数据',
  'myData.downloaded': '已下载：{name}',
  'myData.savedWechat': '已保存到本机，可在弹出的窗口中转发到聊天保存',
  'myData.correctTitle': '更正我的信息',
  'myData.displayName': '在本社区显示的名字',
  'myData.displayNameHint': '其他居民会看到这个名字（名单、证书、光荣榜），提交后会经过内容安全检查。',
  'myData.displayNameRequired': '请填写名字',
  'myData.displayNameSaved': '名字已更新',
  'myData.saveName': '保存名字',
  'myData.profileLink': '更正真实姓名、电话、身份证号（志愿者资料）',
  'myData.recordLink': '更正志愿服务记录',
  'myData.back': '返回',
  'error.export.too_large': '数据太多，无法一次导出；请缩小范围，或请社区办公室协助',
  'error.rate.limited': '操作太频繁了，请稍后再试',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'myData.title': 'My data',
  'myData.meLinkHint': 'See, download and correct your personal data',
  'myData.intro':
    'Under China’s Personal Information Protection Law you may see, copy and correct everything Linli keeps about you. The file holds your records in every community you belong to.',
  'myData.containsTitle': 'What the file holds',
  'myData.contains.profile':
    'Your account: nickname, when you joined, the privacy-guide versions you accepted, notifications, message permissions',
  'myData.contains.membership': 'Each community membership: roles, display name, when you joined',
  'myData.contains.volunteer':
    'Volunteer profile (with your full ID number), hour claims, sign-ups, teams, record corrections and certificates',
  'myData.contains.points': 'Your points account and every posting, monthly earnings, redemptions',
  'myData.contains.shop': 'Orders, donations, monthly pledges, handmade goods you listed',
  'myData.contains.other':
    'Proxies (who acts for you, whom you act for), merchant roles, discounts used, complaints, contributions, photos you uploaded',
  'myData.notIncluded':
    'Not included: your WeChat login identifier (openid) and session key, which only serve to log in and are not information about you; the community’s own records (activity rosters, the audit log) stay with the community.',
  'myData.fileHint': 'The file is JSON and opens in any text editor. At most 10 downloads an hour.',
  'myData.download': 'Download my data',
  'myData.downloaded': 'Downloaded: {name}',
  'myData.savedWechat': 'Saved on this phone; forward it to a chat from the window that opens to keep it',
  'myData.correctTitle': 'Correct my details',
  'myData.displayName': 'Your name in this community',
  'myData.displayNameHint':
    'Other residents see this name (rosters, certificates, the honour roll); it goes through a content check.',
  'myData.displayNameRequired': 'Please enter a name',
  'myData.displayNameSaved': 'Your name is updated',
  'myData.saveName': 'Save name',
  'myData.profileLink': 'Correct real name, phone, ID number (volunteer profile)',
  'myData.recordLink': 'Correct your volunteer service record',
  'myData.back': 'Back',
  'error.export.too_large': 'Too much data to export at once; narrow the range or ask your community office',
  'error.rate.limited': 'Too many tries; please wait a moment and try again',
};
