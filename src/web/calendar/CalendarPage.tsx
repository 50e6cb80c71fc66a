import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Form, Input, InputNumber, Popconfirm, Radio, Row, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, apiGet, apiPost, apiPut, qs } from '../api/client';
import { applyFieldErrors, errorMessage } from '../shared/formErrors';
import { QueryError } from '../shared/QueryError';
import type { CalendarData, CalendarOverride } from '../../contract/intake';

type Override = CalendarOverride;

const KEY = ['calendar'] as const;
const KIND_LABEL = { workday: '工作日', holiday: '休息日' } as const;

function OverrideForm() {
  const [form] = Form.useForm<{ date: Dayjs; kind: Override['kind']; note?: string }>();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { date: Dayjs; kind: Override['kind']; note?: string }) =>
      apiPut<Override>(`/api/calendar/overrides/${v.date.format('YYYY-MM-DD')}`, { kind: v.kind, note: v.note?.trim() ?? '' }),
    onSuccess: () => {
      message.success('已保存');
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: (err) => setProblem([errorMessage(err), ...applyFieldErrors(form, err, ['kind', 'note'])].join('；')),
  });
  return (
    <Card title="添加调整" size="small" style={{ marginBottom: 16 }}>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="inline" initialValues={{ kind: 'holiday' }} onFinish={(v) => { setProblem(null); save.mutate(v); }}>
        <Form.Item label="日期" name="date" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item label="类型" name="kind">
          <Radio.Group options={[{ value: 'workday', label: '工作日' }, { value: 'holiday', label: '休息日' }]} />
        </Form.Item>
        <Form.Item label="说明" name="note">
          <Input maxLength={200} placeholder="如：国庆节调休" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function DeclareYear({ declared }: { declared: CalendarData['declaredYears'] }) {
  const [year, setYear] = useState<number | null>(dayjs().year() + 1);
  const [note, setNote] = useState('');
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const declare = useMutation({
    mutationFn: () => apiPost<void>(`/api/calendar/years/${year}`, { note: note.trim() }),
    onSuccess: () => {
      message.success(`已声明 ${year} 年节假日安排已录入`);
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Card title="声明年度安排" size="small" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">国务院公布某年节假日安排并录入调整后，声明该年已录入，系统即按其计算工作日期限。</Typography.Paragraph>
      <Space wrap>
        <InputNumber aria-label="年份" min={2000} max={2100} value={year} onChange={setYear} />
        <Input aria-label="备注" placeholder="备注（可选）" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 200 }} />
        <Button onClick={() => declare.mutate()} disabled={!year} loading={declare.isPending}>
          声明已录入
        </Button>
      </Space>
      <div style={{ marginTop: 12 }}>
        已声明：{declared.length ? declared.map((d) => <Tag key={d.year}>{d.year}</Tag>) : <Typography.Text type="secondary">无</Typography.Text>}
      </div>
    </Card>
  );
}

function WorkingDaysTool() {
  const [from, setFrom] = useState<Dayjs | null>(dayjs());
  const [n, setN] = useState<number | null>(5);
  const [result, setResult] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const compute = async () => {
    if (!from || n === null) return;
    setBusy(true);
    setProblem(null);
    try {
      const r = await apiGet<{ date: string }>(`/api/calendar/working-days${qs({ from: from.format('YYYY-MM-DD'), n })}`);
      setResult(r.date);
    } catch (err) {
      setResult(null);
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="工作日计算" size="small">
      <Space wrap>
        <DatePicker aria-label="起算日期" value={from} onChange={setFrom} />
        <span>后第</span>
        <InputNumber aria-label="工作日数" min={0} max={366} value={n} onChange={setN} />
        <span>个工作日</span>
        <Button type="primary" onClick={compute} loading={busy}>
          计算
        </Button>
      </Space>
      {result ? (
        <Alert type="success" showIcon style={{ marginTop: 12 }} title={`结果：${result}（${dayjs(result).format('dddd')}）`} data-testid="working-days-result" />
      ) : null}
      {problem ? <Alert type="error" showIcon role="alert" style={{ marginTop: 12 }} title={problem} /> : null}
    </Card>
  );
}

/** The office's working calendar: holiday/workday overrides, declared years and a calculator. */
export default function CalendarPage() {
  const data = useQuery({ queryKey: KEY, queryFn: ({ signal }) => apiGet<CalendarData>('/api/calendar/overrides', signal) });
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const remove = useMutation({
    mutationFn: (date: string) => api<void>(`/api/calendar/overrides/${date}`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success('已删除');
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  if (data.isError) return <QueryError error={data.error} onRetry={() => void data.refetch()} />;
  const canEdit = data.data?.abilities?.edit !== false;
  return (
    <>
    <Typography.Title level={3} style={{ marginTop: 0 }}>
      工作日历
    </Typography.Title>
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        {canEdit ? <OverrideForm /> : null}
        <Card title="工作日调整" size="small" style={{ marginBottom: 16 }}>
          <Table<Override>
            rowKey="date"
            size="small"
            loading={data.isPending}
            dataSource={data.data?.overrides ?? []}
            locale={{ emptyText: '暂无调整（按法定节假日数据计算）' }}
            pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 条` }}
            columns={[
              { title: '日期', dataIndex: 'date', key: 'date', width: 140, render: (d: string) => `${d}（${dayjs(d).format('ddd')}）` },
              { title: '类型', dataIndex: 'kind', key: 'kind', width: 100, render: (k: Override['kind']) => <Tag color={k === 'workday' ? 'blue' : 'orange'}>{KIND_LABEL[k]}</Tag> },
              { title: '说明', dataIndex: 'note', key: 'note' },
              ...(canEdit
                ? [{
                    title: '操作',
                    key: 'op',
                    width: 80,
                    render: (_: unknown, o: Override) => (
                      <Popconfirm title={`删除 ${o.date} 的调整？`} okText="删除" cancelText="取消" onConfirm={() => remove.mutateAsync(o.date).catch(() => undefined)}>
                        <Button type="link" danger size="small">删除</Button>
                      </Popconfirm>
                    ),
                  }]
                : []),
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        {canEdit ? <DeclareYear declared={data.data?.declaredYears ?? []} /> : null}
        <WorkingDaysTool />
        {data.data?.packageYears?.length ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            内置节假日数据覆盖年份：{data.data.packageYears.join('、')}
          </Typography.Paragraph>
        ) : null}
      </Col>
    </Row>
    </>
  );
}
