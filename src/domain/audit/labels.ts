/**
 * Chinese names of the audit trail's actions (services/audit/actions.ts) and object types,
 * for the viewer and its Excel export. Grouped as the viewer's action filter shows them; a
 * unit test checks every action has its label. Unknown codes show as they are.
 */
export const AUDIT_ACTION_GROUPS: Array<{ label: string; actions: Record<string, string> }> = [
  {
    label: '登录与账号',
    actions: {
      'auth.login': '登录',
      'auth.logout': '退出登录',
      'auth.failed': '登录或密码校验失败',
      'auth.delayed': '失败次数过多，账号锁定（延迟登录）',
      'user.unlock': '解除账号锁定',
      'account.register': '注册账号',
      'user.create': '新建用户',
      'user.update': '修改用户',
      'user.password': '修改密码',
    },
  },
  {
    label: '系统设置',
    actions: {
      'organisation.create': '新建组织机构',
      'organisation.update': '修改组织机构',
      'profile.create': '新建规则版本',
      'calendar.override': '调整工作日历',
    },
  },
  {
    label: '届次',
    actions: {
      'edition.create': '新建届次',
      'edition.schedule': '设置日程',
      'edition.publishCall': '发布申报通知',
      'edition.phase': '推进届次阶段',
      'edition.close': '结束届次',
      'edition.delete': '删除草稿届次',
    },
  },
  {
    label: '申报与资格审查',
    actions: {
      'application.create': '新建申报',
      'application.update': '修改申报',
      'application.transition': '申报状态变更',
      'application.view': '专家查看申报材料',
      'file.upload': '上传文件',
      'file.delete': '删除文件',
      'file.integrity': '文件完整性异常',
      'county.opinion': '县区推荐意见',
      'qualification.start': '启动资格审查',
      'qualification.decide': '资格审查意见',
      'qualification.overrule': '资格审查复核',
      'decision.record': '记录决定',
    },
  },
  {
    label: '技术评审',
    actions: {
      'expert.create': '新增专家',
      'expert.update': '修改专家信息',
      'expert.import': '导入专家库',
      'expert.account': '开通专家账号',
      'expert.commitment': '专家签署承诺书',
      'conflict.declare': '申报利益冲突',
      'conflict.dismiss': '排除利益冲突',
      'panel.solve': '自动组建评审组',
      'panel.edit': '调整评审组',
      'scorebook.submit': '提交评分表',
      'consensus.submit': '提交合议评分表',
      'schedule.set': '安排现场评审或答辩',
      'technical.report': '提交技术评审报告',
    },
  },
  {
    label: '满意度调查与评审委员会',
    actions: {
      'survey.open': '开启满意度调查',
      'survey.codes': '发放调查码',
      'survey.close': '结束满意度调查',
      'committee.member': '调整评审委员会成员',
      'committee.constitute': '组建评审委员会',
      'committee.recusal': '委员回避',
      'committee.session': '全体会议',
      'ballot.cast': '委员投票',
    },
  },
  {
    label: '公示、表彰与奖励',
    actions: {
      'notice.publish': '发布公示',
      'objection.file': '提出异议',
      'objection.investigate': '异议调查',
      'objection.rule': '异议处理决定',
      'winner.record': '登记获奖者',
      'results.publish': '发布获奖名单',
      'certificate.issue': '颁发证书',
      'award.item': '奖牌证书交接或收回',
      'prize.payment': '奖金发放或追回',
      'prize.usage': '报告奖金使用情况',
      'feedback.release': '发布反馈报告',
    },
  },
  {
    label: '监督与撤销',
    actions: {
      'case.open': '立案',
      'case.evidence': '补充证据',
      'case.verify': '核查认定',
      'case.propose': '领导小组提出处理意见',
      'case.decide': '市政府作出决定',
      'case.announce': '向社会公告',
      'case.close': '结案',
      'expert.disqualify': '取消专家评审资格',
    },
  },
];

export const AUDIT_ACTION_LABELS: Record<string, string> = Object.assign({}, ...AUDIT_ACTION_GROUPS.map((g) => g.actions));

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  user: '用户',
  login: '登录名',
  organisation: '组织机构',
  profile: '规则版本',
  calendar: '工作日历',
  edition: '届次',
  application: '申报',
  file: '文件',
  expert: '专家',
  scorebook: '评分表',
  survey: '满意度调查',
  committee: '评审委员会',
  committee_session: '全体会议',
  notice: '公示',
  objection: '异议',
  winner: '获奖者',
  certificate: '证书',
  case: '监督案件',
  supervision_case: '监督案件',
  expert_disqualification: '取消专家资格',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export function auditEntityLabel(type: string): string {
  return AUDIT_ENTITY_LABELS[type] ?? type;
}
