import { Alert, App as AntApp, Form, Input, Modal, Typography } from 'antd';
import { ApiError } from '../api/client';
import { applyFieldErrors, errorMessage } from '../shared/formErrors';
import { useDeclareConflict } from './api';

export interface ConflictTarget {
  editionId: string;
  applicationId: string;
  applicationName: string;
}

/**
 * The expert declares a conflict of interest with one application (SPEC §9): the server takes
 * them off its panels and sets their scorebook aside, so the modal says so before they confirm.
 */
export function ConflictModal({ target, onClose }: { target: ConflictTarget | null; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const declare = useDeclareConflict();
  const { message } = AntApp.useApp();

  const submit = async () => {
    if (!target) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const { reason } = values;
    try {
      await declare.mutateAsync({ editionId: target.editionId, applicationId: target.applicationId, reason: reason.trim() });
      message.success(`已申报回避，您已退出“${target.applicationName}”的评审组`);
      form.resetFields();
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error, ['reason']);
      const shownOnField = error instanceof ApiError && error.fields.length > unmatched.length;
      if (!shownOnField) message.error(errorMessage(error));
    }
  };

  return (
    <Modal
      open={target !== null}
      title="申报利益冲突（回避）"
      okText="确认申报回避"
      okButtonProps={{ danger: true, 'data-testid': 'conflict-submit' }}
      cancelText="取消"
      confirmLoading={declare.isPending}
      onOk={() => void submit()}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        申报对象：<b>{target?.applicationName}</b>
      </Typography.Paragraph>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message="申报后您将退出该申报对象的所有评审组"
        description="您对它的评分（含已提交的评分）将不再计入，评审机构会另行安排专家。申报后不能由本人撤销。"
      />
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label="回避理由"
          rules={[
            { required: true, whitespace: true, message: '请填写回避理由' },
            { max: 500, message: '回避理由不能超过 500 个字符' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：本人曾在该单位任职，或与该单位存在咨询、持股等关系" data-testid="conflict-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
