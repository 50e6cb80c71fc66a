import { useEffect, useId, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { applyFieldErrors, errorMessage } from '../shared/formErrors';

export interface ReasonValues {
  reason: string;
  dueOn?: Dayjs | null;
}

/** A modal asking for a written reason (and optionally a date) before an office action. */
export function ReasonModal({
  open,
  title,
  reasonLabel,
  okText,
  danger,
  withDueDate,
  warning,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  reasonLabel: string;
  okText: string;
  danger?: boolean;
  /** Shows the optional 补正期限 date picker. */
  withDueDate?: boolean;
  warning?: string;
  onSubmit: (values: ReasonValues) => Promise<unknown>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<ReasonValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Several of these modals live on one page: a unique form name keeps input ids (and labels) apart.
  const formName = `reason${useId().replace(/[^A-Za-z0-9]/g, '')}`;
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
    setProblem(null);
    try {
      await onSubmit({ ...values, reason: values.reason.trim() });
      onClose();
    } catch (err) {
      const unmatched = applyFieldErrors(form, err, ['reason']);
      setProblem([errorMessage(err), ...unmatched].join('；'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={title} open={open} okText={okText} cancelText="取消" okButtonProps={{ danger }} confirmLoading={busy} onOk={ok} onCancel={onClose} forceRender>
      {warning ? <Alert type="warning" showIcon title={warning} style={{ marginBottom: 12 }} /> : null}
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} name={formName} layout="vertical">
        <Form.Item label={reasonLabel} name="reason" rules={[{ required: true, whitespace: true, message: `请填写${reasonLabel}` }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount />
        </Form.Item>
        {withDueDate ? (
          <Form.Item label="补正期限" name="dueOn" extra="不填写则默认 5 个工作日">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
