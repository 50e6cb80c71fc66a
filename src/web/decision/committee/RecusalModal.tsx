import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { applyFieldErrors, formProblem } from '../../shared/formErrors';

interface Values {
  userId: string;
  applicationId: string;
  reason: string;
}

/** Declares a member's conflict with a candidate; `members` is omitted when the member declares for themselves. */
export function RecusalModal({
  open,
  members,
  candidates,
  applicationId,
  onSubmit,
  onClose,
}: {
  open: boolean;
  /** The candidate chosen already (the member's 申报回避 button on its line). */
  applicationId?: string;
  members?: Array<{ userId: string; name: string }>;
  candidates: Array<{ applicationId: string; name: string }>;
  onSubmit: (values: Values) => Promise<unknown>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setProblem(null);
    }
  }, [open, form]);
  const ok = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    try {
      await onSubmit({ ...values, reason: values.reason.trim() });
      onClose();
    } catch (err) {
      setProblem(formProblem(err, applyFieldErrors(form, err, ['userId', 'applicationId', 'reason'])));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="申报回避" okText="确认回避" onOk={() => void ok()} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Alert type="info" showIcon title="回避后，该委员不参加对该申报的审议和表决，也不计入有表决权的人数。回避申报不能撤回。" style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" name="committee-recusal" initialValues={{ applicationId }}>
        {members ? (
          <Form.Item name="userId" label="委员" rules={[{ required: true, message: '请选择委员' }]}>
            <Select options={members.map((m) => ({ value: m.userId, label: m.name }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="applicationId" label="回避的申报" rules={[{ required: true, message: '请选择申报' }]}>
          <Select showSearch optionFilterProp="label" options={candidates.map((c) => ({ value: c.applicationId, label: c.name }))} />
        </Form.Item>
        <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请填写回避理由' }, { max: 500, message: '不能超过 500 个字符' }]}>
          <Input.TextArea rows={3} placeholder="如：本人曾在该单位任职、担任顾问或存在亲属关系" />
        </Form.Item>
      </Form>
      {problem ? <Alert type="error" showIcon title={problem} /> : null}
    </Modal>
  );
}
