import { z } from 'zod';

/**
 * Every error code the API answers with: one spelling (snake_case), one HTTP status, one
 * meaning. The server throws them (services/errors.ts), the OpenAPI document lists them and
 * the browser branches on them. A new refusal is a new line here, nowhere else.
 */
export const ERROR_CODES = {
  // 400: the request itself is malformed
  invalid_json: { status: 400, summary: '请求内容不是有效的 JSON' },
  invalid_request: { status: 400, summary: '请求格式不正确' },
  bad_request: { status: 400, summary: '请求无效' },
  file_required: { status: 400, summary: '缺少上传的文件' },
  too_many_parts: { status: 400, summary: '上传的部分过多' },
  // 401 / 403: who you are and what your role allows
  unauthenticated: { status: 401, summary: '未登录或会话已过期' },
  invalid_credentials: { status: 401, summary: '用户名或密码错误' },
  login_delayed: { status: 401, summary: '失败次数过多，请稍后再试（对存在与不存在的用户名回答相同）' },
  csrf_failed: { status: 403, summary: '缺少或错误的 CSRF 令牌' },
  wrong_role: { status: 403, summary: '当前角色无权执行此操作' },
  not_owner: { status: 403, summary: '不是本人或本单位的对象' },
  not_assigned: { status: 403, summary: '未分配给本单位或本人' },
  separation_of_duties: { status: 403, summary: '职责分离：该操作须由其他管理员执行' },
  conflict_of_interest: { status: 403, summary: '存在利益冲突，须回避' },
  commitment_required: { status: 403, summary: '须先签署保密和回避承诺' },
  own_account: { status: 403, summary: '不能对自己的账号执行此操作' },
  // 404: does not exist, or the caller may not know that it does
  not_found: { status: 404, summary: '对象不存在或无权查看' },
  // 409: the object is not in a state that allows it
  wrong_stage: { status: 409, summary: '当前阶段不能执行此操作' },
  final_state: { status: 409, summary: '已处于终态，不能再变更' },
  state_conflict: { status: 409, summary: '状态已被他人变更' },
  revision_conflict: { status: 409, summary: '内容已在其他窗口更新' },
  already_decided: { status: 409, summary: '已出具意见' },
  no_objection: { status: 409, summary: '没有需要否决的异议' },
  application_exists: { status: 409, summary: '本届已有该代码的申报' },
  edition_already_open: { status: 409, summary: '已有正在进行的届次' },
  edition_number_taken: { status: 409, summary: '届次编号已被使用' },
  identity_registered: { status: 409, summary: '代码已注册账号' },
  organisation_exists: { status: 409, summary: '机构已存在' },
  profile_exists: { status: 409, summary: '规则配置已存在' },
  expert_exists: { status: 409, summary: '专家库中已有同名同单位的专家' },
  expert_has_account: { status: 409, summary: '该专家已开通账号' },
  scorebook_locked: { status: 409, summary: '评分表已提交，不能再修改' },
  panel_conflict: { status: 409, summary: '存在利益冲突、超出评审量或重复，不能编入评审组' },
  watermark_refused: { status: 409, summary: '文件无法加盖评审水印，不能下载' },
  scores_hidden: { status: 409, summary: '提交本人评分前不能查看他人评分' },
  username_taken: { status: 409, summary: '用户名已被使用' },
  already_voted: { status: 409, summary: '已投票，不能重复投票或改票' },
  survey_code_used: { status: 409, summary: '该测评码已使用' },
  committee_frozen: { status: 409, summary: '评审委员会已组成，成员不能再变更' },
  session_open: { status: 409, summary: '已有正在进行的全体会议' },
  last_operator: { status: 409, summary: '不能停用最后一个在用的运维管理账号' },
  // 413 / 415: files
  file_too_large: { status: 413, summary: '文件过大' },
  application_files_too_large: { status: 413, summary: '申报材料总量超过上限' },
  body_too_large: { status: 413, summary: '请求内容过大' },
  unsupported_file_type: { status: 415, summary: '不支持的文件类型' },
  file_damaged: { status: 415, summary: '文件不完整或已损坏' },
  unsupported_media_type: { status: 415, summary: '不支持的内容类型' },
  // 422: understood, but the rules refuse it
  validation_failed: { status: 422, summary: '提交的内容有误' },
  file_empty: { status: 422, summary: '文件为空' },
  reason_required: { status: 422, summary: '须填写理由' },
  guard_failed: { status: 422, summary: '流程条件尚未满足' },
  deadline_passed: { status: 422, summary: '已超过截止时间' },
  department_missing: { status: 422, summary: '机构目录缺少资格审查部门' },
  identity_missing: { status: 422, summary: '账号未登记代码' },
  no_open_edition: { status: 422, summary: '当前没有受理申报的届次' },
  calendar_year_not_covered: { status: 422, summary: '工作日历未覆盖该年份' },
  profile_not_valid: { status: 422, summary: '规则版本不在有效期内' },
  procedure_only: { status: 409, summary: '该步骤由流程自动完成，不能手动操作' },
  code_invalid: { status: 422, summary: '验证码错误或已过期' },
  quota_exceeded: { status: 422, summary: '名单超出名额' },
  case_step: { status: 409, summary: '案件当前所处环节不能进行该操作' },
  expert_disqualified: { status: 409, summary: '该专家本届已被取消评审资格' },
  committee_even: { status: 422, summary: '评审委员会组成人数须为单数（第九条）' },
  quorum_not_met: { status: 422, summary: '出席人数未达到法定人数' },
  survey_code_invalid: { status: 422, summary: '测评码无效' },
  survey_closed: { status: 422, summary: '测评不在开放期内' },
  // 429: protection
  too_many_requests: { status: 429, summary: '请求过于频繁' },
  // 5xx: ours, never the user's
  internal_error: { status: 500, summary: '服务器内部错误' },
  stored_file_damaged: { status: 500, summary: '存储的文件已损坏或丢失（已通知办公室）' },
  service_unavailable: { status: 503, summary: '服务暂时不可用' },
  database_unavailable: { status: 503, summary: '数据库暂时无法连接，请稍后重试' },
  database_busy: { status: 503, summary: '服务繁忙（数据库连接已满），请稍后重试' },
  storage_full: { status: 507, summary: '服务器存储空间已满' },
} as const satisfies Record<string, { status: number; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as ErrorCode[];

export const statusOf = (code: ErrorCode): number => ERROR_CODES[code].status;

/** The body of every error response. */
export const errorBody = z.object({
  code: z.enum(ERROR_CODE_NAMES as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof errorBody>;

/** A decision the API sends with objects: may the caller do it, and if not, why (HotCRP's PermissionProblem). */
export const decision = z.object({ allowed: z.boolean(), code: z.enum(ERROR_CODE_NAMES as [ErrorCode, ...ErrorCode[]]).nullable(), message: z.string().nullable() });
export type DecisionDto = z.infer<typeof decision>;
