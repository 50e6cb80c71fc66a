import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import type { WinnerAwards } from '../../contract/awards';
import { formatFen } from '../../domain/awards/prize-money';
import { PRIZE_PURPOSE_LABELS, PRIZE_PURPOSES, type PrizePurpose } from '../../domain/profile/decision-settings';
import { applyFieldErrors, formProblem } from '../shared/formErrors';
import { useSubmitUsage } from '../decision/awards/api';
import { UploadButton } from '../applications/FilesPanel';
import type { ApplicationFile } from '../api/types';

interface LineValues {
  purpose: PrizePurpose;
  amountYuan: number;
  description: string;
}

/** The winner's report of how the prize money was used, one line per Art. 21 purpose. */
export function UsageReportForm({ winner }: { winner: WinnerAwards }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ lines: LineValues[] }>();
  const [problem, setProblem] = useState<string | null>(null);
  const [receipts, setReceipts] = useState<ApplicationFile[]>([]);
  const submit = useSubmitUsage();
  const outstanding = Math.max(0, winner.money.paidFen - winner.money.reportedFen);

  async function onFinish(values: { lines: LineValues[] }) {
    setProblem(null);
    try {
      await submit.mutateAsync({ winnerId: winner.winnerId, fileIds: receipts.map((f) => f.id), lines: values.lines.map((l) => ({ purpose: l.purpose, amountFen: Math.round(l.amountYuan * 100), description: l.description })) });
      message.success('奖金使用情况已报告');
      form.resetFields();
      setReceipts([]);
    } catch (error) {
      const fields = (values.lines ?? []).flatMap((_, i) => [`lines.${i}.purpose`, `lines.${i}.amountFen`, `lines.${i}.description`]);
      setProblem(formProblem(error, applyFieldErrors(form, error, fields)));
    }
  }

  if (winner.money.paidFen <= 0) return <Alert type="info" showIcon title="奖金尚未拨付，拨付后请在规定期限内报告使用情况。" />;
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ lines: [{ purpose: undefined, amountYuan: outstanding / 100, description: '' }] }}>
      <Alert
        type={winner.money.overdue ? 'error' : 'info'}
        showIcon
        style={{ marginBottom: 16 }}
        title={`已拨付 ${formatFen(winner.money.paidFen)} 元，已报告 ${formatFen(winner.money.reportedFen)} 元${winner.money.reportDueOn ? `，应于 ${winner.money.reportDueOn} 前报告完毕` : ''}`}
        description="奖金应用于质量持续改进、质量攻关、标准制定、技术攻关、科技研发、人员培训、实验室建设投入和经验推广宣传（第二十一条）。"
      />
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 8 }}>
                <Form.Item name={[field.name, 'purpose']} rules={[{ required: true, message: '请选择用途' }]} style={{ width: 180 }}>
                  <Select placeholder="用途" options={PRIZE_PURPOSES.map((p) => ({ value: p, label: PRIZE_PURPOSE_LABELS[p] }))} />
                </Form.Item>
                <Form.Item name={[field.name, 'amountYuan']} rules={[{ required: true, message: '请填写金额' }, { type: 'number', min: 0.01, message: '金额须大于 0' }]} style={{ width: 160 }}>
                  <InputNumber placeholder="金额（元）" precision={2} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name={[field.name, 'description']} rules={[{ required: true, whitespace: true, message: '请说明具体用途' }]} style={{ width: 320 }}>
                  <Input.TextArea placeholder="具体用途说明" autoSize maxLength={1000} />
                </Form.Item>
                {fields.length > 1 ? <MinusCircleOutlined aria-label="删除此行" onClick={() => remove(field.name)} style={{ marginTop: 8 }} /> : null}
              </Space>
            ))}
            <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} style={{ marginBottom: 16 }}>
              增加一项用途
            </Button>
          </>
        )}
      </Form.List>
      {winner.applicationId ? (
        <Space direction="vertical" style={{ marginBottom: 16 }}>
          <UploadButton applicationId={winner.applicationId} purpose="prize_usage" label="上传使用凭证（发票、合同等）" onUploaded={(f) => setReceipts((r) => [...r, f])} />
          {receipts.map((f) => (
            <span key={f.id}>{f.originalName}</span>
          ))}
        </Space>
      ) : null}
      <Button type="primary" htmlType="submit" loading={submit.isPending}>
        提交使用报告
      </Button>
    </Form>
  );
}
