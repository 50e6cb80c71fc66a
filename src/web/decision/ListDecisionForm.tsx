import { useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CompositeRow } from '../../contract/decision';
import { errorWithFields } from '../shared/formErrors';
import { compositeColumns } from './CompositeColumns';

export interface Choice {
  value: string;
  label: string;
}

interface Props {
  title: string;
  rows: CompositeRow[];
  /** The choices per row and the one proposed. */
  choices: Choice[];
  initial: (row: CompositeRow) => string;
  documentLabel: string;
  submitLabel: string;
  confirm: (picked: Record<string, string>) => string;
  onSubmit: (picked: Record<string, string>, documentNumber: string, decidedOn: string) => Promise<unknown>;
  testId: string;
}

/** A body's decision over a list (leadership approval, the government's decision): a choice per row, the document number and date. */
export function ListDecisionForm({ title, rows, choices, initial, documentLabel, submitLabel, confirm, onSubmit, testId }: Props) {
  const { modal, message } = App.useApp();
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [form] = Form.useForm<{ documentNumber: string; decidedOn: Dayjs }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setPicked(Object.fromEntries(rows.map((r) => [r.applicationId, initial(r)]))), [rows, initial]);
  const submit = async () => {
    const values = await form.validateFields();
    modal.confirm({
      title,
      content: confirm(picked),
      okText: submitLabel,
      cancelText: '取消',
      onOk: async () => {
        setBusy(true);
        try {
          await onSubmit(picked, values.documentNumber.trim(), values.decidedOn.format('YYYY-MM-DD'));
          message.success(`${title}已记录`);
        } catch (err) {
          message.error(errorWithFields(err));
        } finally {
          setBusy(false);
        }
      },
    });
  };
  return (
    <Card title={title} size="small" data-testid={testId}>
      <Table<CompositeRow>
        rowKey="applicationId"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 1000 }}
        columns={[
          ...compositeColumns().filter((c) => c.title !== '状态'),
          {
            title: '决定',
            key: 'choice',
            width: 170,
            render: (_, r) => <Select style={{ width: 160 }} value={picked[r.applicationId]} options={choices} onChange={(v) => setPicked((p) => ({ ...p, [r.applicationId]: v }))} aria-label={`${r.name}的决定`} data-testid={`choice-${r.applicationId}`} />,
          },
        ]}
      />
      <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }} initialValues={{ decidedOn: dayjs() }}>
        <Form.Item name="documentNumber" label={documentLabel} rules={[{ required: true, whitespace: true, message: `请填写${documentLabel}` }]}>
          <Input style={{ width: 240 }} maxLength={100} placeholder="如：临质强〔2026〕3号" data-testid={`${testId}-document`} />
        </Form.Item>
        <Form.Item name="decidedOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Space>
          <Button type="primary" loading={busy} onClick={() => void submit()} data-testid={`${testId}-submit`}>
            {submitLabel}
          </Button>
          <Typography.Text type="secondary">共 {rows.length} 项</Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}
