// Chinese names for audit actions and entity types. Unknown codes show as they are,
// so new server actions never break the page.

const ACTIONS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.failed': '登录或密码校验失败',
  'auth.delayed': '失败次数过多，延迟登录',
  'account.register': '注册账号',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.password': '修改密码',
  'user.unlock': '解除登录延迟',
  'organisation.create': '新建组织机构',
  'organisation.update': '修改组织机构',
  'profile.create': '新建规则版本',
  'calendar.override': '调整工作日历',
  'edition.create': '新建届次',
  'edition.schedule': '设置日程',
  'edition.publishCall': '发布申报通知',
  'edition.close': '结束届次',
  'edition.delete': '删除草稿届次',
  'application.create': '新建申报',
  'application.update': '修改申报',
  'application.transition': '申报状态变更',
  'county.opinion': '县区推荐意见',
  'qualification.start': '启动资格审查',
  'qualification.decide': '资格审查意见',
  'qualification.overrule': '资格审查复核',
  'file.upload': '上传文件',
  'file.delete': '删除文件',
};

const ENTITIES: Record<string, string> = {
  user: '用户',
  organisation: '组织机构',
  profile: '规则版本',
  calendar: '工作日历',
  edition: '届次',
  application: '申报',
  file: '文件',
};

export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action;
}

export function entityLabel(type: string): string {
  return ENTITIES[type] ?? type;
}
