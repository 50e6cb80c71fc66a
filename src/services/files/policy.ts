import { applicationPolicy, type ApplicationFacts } from '../../domain/policies/applications.js';
import { allow, refuse, type Decision } from '../../domain/policies/decision.js';
import type { Actor } from '../../domain/roles.js';

/**
 * Rules for application files, built on the application policy. Pure (no I/O); it sits
 * here only because src/domain/policies is owned elsewhere — it can move there unchanged.
 */
import { FILE_PURPOSES, type FilePurpose } from '../../contract/files.js';
export { FILE_PURPOSES, type FilePurpose };

/** The applicant supplies its own evidence; a reviewing department attaches its findings. */
const APPLICANT_PURPOSES: readonly FilePurpose[] = ['evidence', 'self_evaluation'];
const WINNER_STATES: readonly string[] = ['awarded', 'nominated'];

export interface FileFacts {
  uploadedBy: string | null;
  purpose: string;
}

export const filePolicy = {
  upload(actor: Actor | null, app: ApplicationFacts, purpose: FilePurpose): Decision {
    // After the award the application is closed, but the winner still files its receipts (Art. 21).
    if (purpose === 'prize_usage') {
      if (actor?.userId !== app.applicantUserId) return refuse('not_owner', '只有获奖单位（个人）本人可以上传奖金使用凭证');
      return WINNER_STATES.includes(app.state) ? allow : refuse('wrong_stage', '获奖后方可上传奖金使用凭证');
    }
    const base = applicationPolicy.upload(actor, app);
    if (!base.ok) return base;
    const isApplicant = actor!.userId === app.applicantUserId;
    if (isApplicant !== APPLICANT_PURPOSES.includes(purpose)) {
      return refuse('wrong_role', isApplicant ? '申报人不能上传审查部门的材料' : '审查部门只能上传审查材料');
    }
    return allow;
  },
  /** Only the applicant, only its own uploads, only while the application is editable. */
  delete(actor: Actor | null, app: ApplicationFacts, file: FileFacts): Decision {
    const base = applicationPolicy.edit(actor, app);
    if (!base.ok) return base;
    return actor!.userId === file.uploadedBy ? allow : refuse('not_owner', '只能删除自己上传的文件');
  },
};
