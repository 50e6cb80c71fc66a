import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, Radio, Space, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import type { Application, ApplicationFile } from '../api/types';
import { UploadButton } from '../applications/FilesPanel';
import { applyFieldErrors, errorMessage } from '../shared/formErrors';
import { useAppAction } from './useAppAction';

interface ReviewForm {
  decision: 'pass' | 'fail';
  reasons?: string;
}

/** A department's qualification opinion (通过/不通过, reason required for 不通过), when abilities.review. */
export function DepartmentReviewCard({ app }: { app: Application }) {
  const [form] = Form.useForm<ReviewForm>();
  const { modal } = AntApp.useApp();
  const decision = Form.useWatch('decision', form);
  const [evidence, setEvidence] = useState<ApplicationFile | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const decide = useAppAction(app.id, 'qualification', '资格审查意见已提交');

  const onFinish = (v: ReviewForm) => {
    setProblem(null);
    decide.mutate(
      { decision: v.decision, reasons: v.reasons?.trim() || null, evidenceFileId: evidence?.id ?? null },
      {
        onError: (err) => {
          const unmatched = applyFieldErrors(form, err, ['decision', 'reasons']);
          setProblem([errorMessage(err), ...unmatched].join('；'));
        },
      },
    );
  };

  return (
    <Card title="资格审查意见" style={{ marginBottom: 16, borderColor: '#1f5fbf' }}>
      {app.qualification ? (
        <Typography.Paragraph type="secondary">请于 {app.qualification.dueOn} 前出具本部门意见（第十五条）。</Typography.Paragraph>
      ) : null}
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form<ReviewForm>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          // A department's opinion is signed and final: confirm before sending it.
          modal.confirm({ title: `确认提交“${v.decision === 'pass' ? '通过' : '不通过'}”意见？`, content: '提交后本部门意见不能修改。', okText: '确认提交', cancelText: '取消', onOk: () => onFinish(v) })
        }
      >
        <Form.Item label="审查结论" name="decision" rules={[{ required: true, message: '请选择审查结论' }]}>
          <Radio.Group
            options={[
              { value: 'pass', label: '通过' },
              { value: 'fail', label: '不通过' },
            ]}
          />
        </Form.Item>
        <Form.Item
          label="理由"
          name="reasons"
          dependencies={['decision']}
          rules={[{ required: decision === 'fail', whitespace: true, message: '不通过时须写明理由' }]}
          extra={decision === 'fail' ? '理由将提交强市办，并可能告知申报人' : '通过时可不填'}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item label="佐证材料（可选）">
          <Space wrap>
            <UploadButton applicationId={app.id} purpose="department_evidence" label="上传佐证材料" onUploaded={setEvidence} />
            {evidence ? (
              <Typography.Text>
                <CheckCircleFilled style={{ color: '#52c41a' }} /> {evidence.originalName}
              </Typography.Text>
            ) : null}
          </Space>
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" loading={decide.isPending}>
            提交审查意见
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
