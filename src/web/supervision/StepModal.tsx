import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CASE_FINDING_LABELS, CASE_FINDINGS, CASE_STEP_LABELS, type CaseDetail, type CaseFinding } from '../../contract/supervision';
import { applyFieldErrors, formProblem } from '../shared/formErrors';
import { useCaseStep, type StepName } from './api';
import { EvidenceUpload, type CaseFile } from './EvidenceUpload';

interface Values {
  note?: string;
  finding?: CaseFinding;
  verification?: string;
  documentNumber?: string;
  decidedOn?: Dayjs;
  reason?: string;
  announcement?: string;
  announcedOn?: Dayjs;
}

const FIELDS = ['note', 'finding', 'verification', 'documentNumber', 'decidedOn', 'reason', 'announcement', 'announcedOn', 'fileIds'];
const day = (d: Dayjs | undefined) => (d ?? dayjs()).format('YYYY-MM-DD');
const text = (v: string | undefined) => (v ?? '').trim();

/** What the confirm dialog of an irreversible step says; null for a step that needs none. */
function confirmation(step: StepName, c: CaseDetail, v: Values): string | null {
  if (step === 'decide') return `确认记录市政府撤销决定？${c.subjectName}的奖项将被撤销，公开的获奖名单和证书核验随即显示“已撤销”，此操作不可撤回。`;
  if (step === 'disqualifyExpert') return `确认取消${c.subjectName}本届评审资格？其全部评分将被剔除，汇总、校准和排名随之重新计算，并通知相关人员。此操作不可撤回。`;
  if (step === 'close') return '确认结案？结案后不能再补充证据或办理其他步骤。';
  if (step === 'verify' && v.finding === 'unsubstantiated') return '查无实据将直接结案（不予处理），确认？';
  if (step === 'propose' && c.kind === 'applicant' && c.status === 'verified') return `确认作出处理决定？依第二十五条，相关申报将被取消参评资格（若已获奖则提请市政府撤销）。`;
  return null;
}

/** The announcement drafted from the decision; the office edits it before it goes public. */
function draftAnnouncement(c: CaseDetail): string {
  const doc = c.decision?.documentNumber ? `（${c.decision.documentNumber}）` : '';
  const ground = c.ground ? `，因${c.ground.label}（${c.ground.article}）` : '';
  return `根据《临沂市市长质量奖管理办法》，经市政府研究决定${doc}${ground}，撤销${c.subjectName}${c.editionName}所获奖项，收回证书、奖杯（奖牌）和奖金。特此公告。`;
}

/** The form of one step of a case, sent only when the server listed the step as allowed for the reader. */
export function StepModal({ detail, step, onClose }: { detail: CaseDetail; step: StepName; onClose: () => void }) {
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<CaseFile[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useCaseStep(detail.id, step);

  function body(v: Values) {
    switch (step) {
      case 'addEvidence':
        return { fileIds: files.map((f) => f.id), ...(text(v.note) ? { note: text(v.note) } : {}) };
      case 'verify':
        return { finding: v.finding!, verification: text(v.verification) };
      case 'propose':
      case 'decide':
        return { documentNumber: text(v.documentNumber), decidedOn: day(v.decidedOn), reason: text(v.reason) };
      case 'announce':
        return { announcement: text(v.announcement), announcedOn: day(v.announcedOn) };
      case 'disqualifyExpert':
      case 'close':
        return { reason: text(v.reason) };
    }
  }

  async function send(v: Values) {
    setProblem(null);
    try {
      await mutation.mutateAsync(body(v) as never);
      message.success(`${CASE_STEP_LABELS[step]}已办理`);
      onClose();
    } catch (error) {
      setProblem(formProblem(error, applyFieldErrors(form, error, FIELDS)));
    }
  }

  async function submit() {
    const v = await form.validateFields();
    if (step === 'addEvidence' && files.length === 0) {
      setProblem('请先上传至少一个证据文件');
      return;
    }
    const question = confirmation(step, detail, v);
    if (!question) return send(v);
    modal.confirm({ title: CASE_STEP_LABELS[step], content: question, okText: '确认', okButtonProps: { danger: true }, cancelText: '取消', onOk: () => send(v) });
  }

  const dateRule = [{ required: true, message: '请选择日期' }];
  const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];
  return (
    <Modal open width={640} title={`${CASE_STEP_LABELS[step]}：${detail.reference}`} okText="提交" cancelText="取消" onOk={() => void submit()} onCancel={onClose} confirmLoading={mutation.isPending} destroyOnHidden>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form
        form={form}
        layout="vertical"
        data-testid={`step-form-${step}`}
        initialValues={{ decidedOn: dayjs(), announcedOn: dayjs(), announcement: step === 'announce' ? draftAnnouncement(detail) : undefined }}
      >
        {step === 'addEvidence' ? (
          <>
            <Form.Item label="证据材料" required>
              <EvidenceUpload onChange={setFiles} disabled={mutation.isPending} />
            </Form.Item>
            <Form.Item name="note" label="说明（选填）">
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
          </>
        ) : null}
        {step === 'verify' ? (
          <>
            <Form.Item name="finding" label="核查结论" rules={[{ required: true, message: '请选择核查结论' }]}>
              <Radio.Group options={CASE_FINDINGS.map((f) => ({ value: f, label: CASE_FINDING_LABELS[f] }))} />
            </Form.Item>
            <Form.Item name="verification" label="核查情况" rules={required('核查情况')}>
              <Input.TextArea rows={5} maxLength={10000} showCount placeholder="写明调查核实的经过、证据和结论" />
            </Form.Item>
          </>
        ) : null}
        {step === 'propose' || step === 'decide' ? (
          <>
            <Form.Item name="documentNumber" label={step === 'decide' ? '市政府决定文号' : '领导小组文号'} rules={required('文号')}>
              <Input maxLength={100} placeholder={step === 'decide' ? '如：临政字〔2026〕12号' : '如：临质强〔2026〕5号'} />
            </Form.Item>
            <Form.Item name="decidedOn" label="日期" rules={dateRule}>
              <DatePicker allowClear={false} />
            </Form.Item>
            <Form.Item name="reason" label="理由" rules={required('理由')}>
              <Input.TextArea rows={4} maxLength={5000} showCount />
            </Form.Item>
          </>
        ) : null}
        {step === 'announce' ? (
          <>
            <Form.Item name="announcement" label="公告内容" rules={required('公告内容')} extra="公告在“撤销公告”公开页面发布，不含举报事实和证据。">
              <Input.TextArea rows={6} maxLength={10000} showCount />
            </Form.Item>
            <Form.Item name="announcedOn" label="公告日期" rules={dateRule}>
              <DatePicker allowClear={false} />
            </Form.Item>
          </>
        ) : null}
        {step === 'disqualifyExpert' || step === 'close' ? (
          <Form.Item name="reason" label={step === 'close' ? '结案说明' : '取消资格的理由'} rules={required('理由')}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
