/** The office console at a desk (H5 on a PC): its sidebar, wide tables and the projector mode. */
export const zhCN = {
  'desk.sections': '办公分区',
  'desk.home': '办公首页',
  'desk.group.timebank': '时间银行',
  'desk.group.market': '积分超市',
  'desk.group.alliance': '商户联盟',
  'desk.group.shop': '手作小店',
  'desk.group.fund': '公益基金',
  'desk.group.admin': '社区管理',

  'table.filter': '筛选',
  'table.filterPlaceholder': '输入关键词，筛选已载入的条目',
  'table.shown': '显示 {shown} / {loaded} 条',
  'table.moreOnServer': '服务器上还有更多条目：排序和筛选只针对已载入的 {loaded} 条，点“加载更多”载入下一页。',
  'table.noMatch': '已载入的条目中没有符合筛选的',
  'table.actions': '操作',
  'table.select': '选择',

  'deskClaims.caption': '待审核的志愿时长',
  'deskClaims.member': '居民',
  'deskClaims.activity': '活动',
  'deskClaims.minutes': '时长',
  'deskClaims.points': '积分',
  'deskClaims.source': '来源',
  'deskClaims.submitted': '提交时间',

  'deskOrders.caption': '微益坊订单',
  'deskOrders.buyer': '买家',
  'deskOrders.items': '商品',
  'deskOrders.total': '金额',
  'deskOrders.fund': '入基金',
  'deskOrders.status': '状态',
  'deskOrders.created': '下单时间',

  'projector.open': '投影模式',
  'projector.exit': '退出投影',
  'projector.escape': '按 Esc 退出',
} as const;
