import { useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Empty, Form, Input, List, Popconfirm, Radio, Skeleton, Space, Tag, Typography } from 'antd';
import { OBJECTION_STATUS_LABELS, type ObjectionView, type RulingRequest } from '../../../contract/notice';
import { errorWithFields } from '../../shared/formErrors';
import { fmtTime } from '../../shared/format';
import { QueryError } from '../../shared/QueryError';
import { evidenceUrl, useInvestigation, useObjections, useRuling } from './api';

const STATUS_COLORS = { open: 'orange', upheld: 'red', dismissed: 'default' } as const;

/** The office's objections: who filed what against whom, the evidence, the investigation and the ruling. */
export function ObjectionsPanel({ editionId }: { editionId: string }) {
  const objections = useObjections(editionId, true);
  return (
    <div>
      <Typography.Title level={4}>公示异议</Typography.Title>
      {objections.isPending ? (
        <Skeleton active />
      ) : objections.isError ? (
        <QueryError error={objections.error} onRetry={() => void objections.refetch()} />
      ) : objections.data.items.length === 0 ? (
        <Empty description="尚未收到异议" />
      ) : (
        <List dataSource={objections.data.items} renderItem={(o) => <ObjectionItem key={o.id} editionId={editionId} objection={o} />} />
      )}
    </div>
  );
}

function ObjectionItem({ editionId, objection: o }: { editionId: string; objection: ObjectionView }) {
  return (
    <List.Item data-testid="objection">
      <div style={{ width: '100%' }}>
        <Space style={{ marginBottom: 8 }}>
          <Typography.Text strong>{o.reference}</Typography.Text>
          <Tag color={STATUS_COLORS[o.status]}>{OBJECTION_STATUS_LABELS[o.status]}</Tag>
          <Typography.Text>异议对象：{o.applicationName}</Typography.Text>
        </Space>
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label="异议人">{o.filerName}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{o.filerPhone}</Descriptions.Item>
          <Descriptions.Item label="电子邮箱">{o.filerEmail ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="工作单位">{o.filerOrganisation ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="提交时间" span={2}>{fmtTime(o.filedAt)}</Descriptions.Item>
          <Descriptions.Item label="异议内容" span={2}>
            <div style={{ whiteSpace: 'pre-wrap' }}>{o.content}</div>
          </Descriptions.Item>
          <Descriptions.Item label="证明材料" span={2}>
            {o.files.length === 0
              ? '无'
              : o.files.map((f) => (
                  <div key={f.id}>
                    <Typography.Link href={evidenceUrl(editionId, o.id, f.id)} target="_blank">
                      {f.originalName}
                    </Typography.Link>
                  </div>
                ))}
          </Descriptions.Item>
          {o.status !== 'open' ? (
            <>
              <Descriptions.Item label="调查情况" span={2}>
                <div style={{ whiteSpace: 'pre-wrap' }}>{o.investigation ?? '—'}</div>
              </Descriptions.Item>
              <Descriptions.Item label="处理决定" span={2}>
                <div style={{ whiteSpace: 'pre-wrap' }}>{o.ruling}</div>
                <Typography.Text type="secondary">{fmtTime(o.ruledAt)}</Typography.Text>
              </Descriptions.Item>
            </>
          ) : null}
        </Descriptions>
        {o.status === 'open' ? <OpenObjectionForms editionId={editionId} objection={o} /> : null}
      </div>
    </List.Item>
  );
}

function OpenObjectionForms({ editionId, objection }: { editionId: string; objection: ObjectionView }) {
  const { message } = AntApp.useApp();
  const investigation = useInvestigation(editionId);
  const ruling = useRuling(editionId);
  const [notes, setNotes] = useState(objection.investigation ?? '');
  const [form] = Form.useForm<RulingRequest>();
  const [problem, setProblem] = useState<string | null>(null);

  const saveNotes = async () => {
    setProblem(null);
    try {
      await investigation.mutateAsync({ objectionId: objection.id, investigation: notes });
      message.success('调查情况已保存');
    } catch (err) {
      setProblem(errorWithFields(err));
    }
  };
  const rule = async () => {
    const values = await form.validateFields();
    setProblem(null);
    try {
      await ruling.mutateAsync({ objectionId: objection.id, input: values });
      message.success(values.outcome === 'upheld' ? '已认定异议成立，该对象已移出公示名单' : '已认定异议不成立');
    } catch (err) {
      setProblem(errorWithFields(err));
    }
  };
  const outcome = Form.useWatch('outcome', form);

  return (
    <div style={{ marginTop: 12 }}>
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} /> : null}
      <Typography.Text strong>调查情况</Typography.Text>
      <Input.TextArea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={5000} placeholder="记录核查过程、询问情况、取得的证据等" style={{ margin: '8px 0' }} />
      <Button onClick={() => void saveNotes()} loading={investigation.isPending} disabled={!notes.trim()} title={notes.trim() ? undefined : '请先填写调查情况'}>
        保存调查情况
      </Button>
      <Form form={form} layout="vertical" style={{ marginTop: 16, maxWidth: 640 }}>
        <Form.Item name="outcome" label="处理决定" rules={[{ required: true, message: '请选择处理结果' }]}>
          <Radio.Group>
            <Radio value="dismissed">异议不成立</Radio>
            <Radio value="upheld">异议成立（移出公示名单）</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请填写理由' }]}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Popconfirm
          title="作出处理决定"
          description={outcome === 'upheld' ? '异议成立：该对象将移出公示名单，并须由领导小组重新审定名单。不能撤销，确认？' : '处理决定作出后不能修改，确认？'}
          okText="确认"
          cancelText="取消"
          onConfirm={() => void rule()}
        >
          <Button type="primary" danger={outcome === 'upheld'} loading={ruling.isPending}>
            作出处理决定
          </Button>
        </Popconfirm>
      </Form>
    </div>
  );
}
