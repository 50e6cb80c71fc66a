import { useState } from 'react';
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { CASE_KIND_LABELS, CASE_KINDS, type CaseKind, type OpenCaseRequest } from '../../contract/supervision';
import { ApiError, useMe } from '../api/client';
import { applyFieldErrors, formProblem } from '../shared/formErrors';
import { useCaseSubjects, useOpenCase, useRevocationGrounds, type SubjectKind } from './api';
import { EvidenceUpload, type CaseFile } from './EvidenceUpload';

interface Values {
  kind: CaseKind;
  editionId: string;
  subjectId?: string;
  groundCode?: string;
  staffName?: string;
  staffUnit?: string;
  facts: string;
}

const FIELDS = ['kind', 'editionId', 'subjectId', 'groundCode', 'staffName', 'staffUnit', 'facts', 'fileIds'];
const SUBJECT_LABELS: Record<SubjectKind, string> = { revocation: '获奖者', applicant: '被举报的申报', expert: '被举报的专家' };

/** Opening a case: its kind, the edition, who it is about (and the ground of a revocation), the facts and the evidence. */
export function NewCaseModal({
  editionOptions,
  defaultEditionId,
  onClose,
  onOpened,
}: {
  editionOptions: { value: string; label: string }[];
  defaultEditionId?: string;
  onClose: () => void;
  onOpened: (caseId: string) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<CaseFile[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const open = useOpenCase();
  const me = useMe();
  // Art. 28–29: only the office opens a revocation case; the committee reports the others (the server checks).
  const kinds = me.data?.user.roles.includes('office') ? CASE_KINDS : CASE_KINDS.filter((k) => k !== 'revocation');

  const kind = Form.useWatch('kind', form);
  const editionId = Form.useWatch('editionId', form);
  const subjectId = Form.useWatch('subjectId', form);
  const subjectKind = kind === 'staff' ? undefined : kind;
  const subjects = useCaseSubjects(editionId, subjectKind);
  const grounds = useRevocationGrounds(kind === 'revocation' ? subjectId : undefined);

  async function submit() {
    const v = await form.validateFields();
    setProblem(null);
    const body: OpenCaseRequest = {
      kind: v.kind,
      editionId: v.editionId,
      facts: v.facts.trim(),
      fileIds: files.map((f) => f.id),
      ...(v.kind === 'revocation' || v.kind === 'applicant' ? { applicationId: v.subjectId } : {}),
      ...(v.kind === 'revocation' ? { groundCode: v.groundCode } : {}),
      ...(v.kind === 'expert' ? { expertId: v.subjectId } : {}),
      ...(v.kind === 'staff' ? { staffName: v.staffName?.trim(), staffUnit: v.staffUnit?.trim() } : {}),
    };
    try {
      const created = await open.mutateAsync(body);
      onOpened(created.id);
    } catch (error) {
      // The server names applicationId / expertId; both are the subject field here.
      const mapped = error instanceof ApiError ? new ApiError(error.status, error.code, error.message, error.fields.map((f) => ({ ...f, field: f.field.replace(/(applicationId|expertId)$/, 'subjectId') }))) : error;
      setProblem(formProblem(mapped, applyFieldErrors(form, mapped, FIELDS)));
    }
  }

  return (
    <Modal open width={720} title="新建案件" okText="立案" cancelText="取消" onOk={() => void submit()} onCancel={onClose} confirmLoading={open.isPending} destroyOnHidden>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: kinds[0], editionId: defaultEditionId }}
        onValuesChange={(changed: Partial<Values>) => {
          // A different kind or edition names a different list of subjects.
          if ('kind' in changed || 'editionId' in changed) form.setFieldsValue({ subjectId: undefined, groundCode: undefined });
          if ('subjectId' in changed) form.setFieldsValue({ groundCode: undefined });
        }}
      >
        <Form.Item name="kind" label="案件类型" rules={[{ required: true, message: '请选择案件类型' }]}>
          <Select options={kinds.map((k) => ({ value: k, label: CASE_KIND_LABELS[k] }))} data-testid="case-kind" />
        </Form.Item>
        <Form.Item name="editionId" label="届次" rules={[{ required: true, message: '请选择届次' }]}>
          <Select placeholder="请选择届次" options={editionOptions} data-testid="case-edition" />
        </Form.Item>
        {subjectKind ? (
          <Form.Item
            name="subjectId"
            label={SUBJECT_LABELS[subjectKind]}
            rules={[{ required: true, message: `请选择${SUBJECT_LABELS[subjectKind]}` }]}
            extra={subjects.isError ? <Typography.Text type="danger">{subjects.error.message}</Typography.Text> : !editionId ? '先选择届次' : undefined}
          >
            <Select
              showSearch
              optionFilterProp="label"
              placeholder={editionId ? '请选择' : '先选择届次'}
              disabled={!editionId}
              loading={subjects.isFetching}
              notFoundContent={subjects.isSuccess ? '本届没有可选的对象' : undefined}
              options={(subjects.data?.items ?? []).map((s) => ({ value: s.id, label: s.detail ? `${s.name}（${s.detail}）` : s.name }))}
              data-testid="case-subject"
            />
          </Form.Item>
        ) : null}
        {kind === 'staff' ? (
          <>
            <Form.Item name="staffName" label="被举报人员姓名" rules={[{ required: true, whitespace: true, message: '请填写被举报人员姓名' }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="staffUnit" label="所在单位" rules={[{ required: true, whitespace: true, message: '请填写被举报人员所在单位' }]}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        ) : null}
        {kind === 'revocation' ? (
          <Form.Item
            name="groundCode"
            label="撤销情形"
            rules={[{ required: true, message: '请选择撤销情形' }]}
            extra={grounds.isError ? <Typography.Text type="danger">{grounds.error.message}</Typography.Text> : !subjectId ? '先选择获奖者：单位和个人适用不同的情形' : undefined}
          >
            <Select
              placeholder={subjectId ? '请选择' : '先选择获奖者'}
              disabled={!subjectId}
              loading={grounds.isFetching}
              options={(grounds.data?.items ?? []).map((g) => ({ value: g.code, label: `${g.article}：${g.label}`, article: g.article, text: g.label }))}
              optionRender={(o) => <GroundOption article={String(o.data.article)} label={String(o.data.text)} />}
              data-testid="case-ground"
            />
          </Form.Item>
        ) : null}
        <Form.Item name="facts" label="事实与线索" rules={[{ required: true, whitespace: true, message: '请填写事实与线索' }]}>
          <Input.TextArea rows={5} maxLength={10000} showCount placeholder="写明举报或发现的事实、时间、来源" data-testid="case-facts" />
        </Form.Item>
        <Form.Item label="证据材料（选填）">
          <EvidenceUpload onChange={setFiles} disabled={open.isPending} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function GroundOption({ article, label }: { article: string; label: string }) {
  return (
    <div style={{ whiteSpace: 'normal' }}>
      <Typography.Text strong>{article}</Typography.Text> {label}
    </div>
  );
}
