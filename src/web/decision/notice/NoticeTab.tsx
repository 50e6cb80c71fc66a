import { useState } from 'react';
import { Alert, App as AntApp, Button, DatePicker, Descriptions, Empty, Form, Input, Popconfirm, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { APPLICANT_KIND_LABELS, NOTICE_CATEGORY_LABELS, type NoticeEntry, type NoticeOverview, type PublishNoticeRequest } from '../../../contract/notice';
import { applyFieldErrors, formProblem } from '../../shared/formErrors';
import { fmtDate } from '../../shared/format';
import { QueryError } from '../../shared/QueryError';
import { useNoticeOverview, useNoticePeriod, usePublishNotice } from './api';
import { ObjectionsPanel } from './ObjectionsPanel';

/** The office's notice tab (Art. 17): publish the approved list with its computed period, then handle the objections. */
export default function NoticeTab({ editionId }: { editionId: string }) {
  const overview = useNoticeOverview(editionId);
  if (overview.isPending) return <Skeleton active />;
  if (overview.isError) return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  const data = overview.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {data.reconfirmationPending ? (
        <Alert
          type="warning"
          showIcon
          data-testid="reconfirm-banner"
          message="公示异议成立，名单已变动"
          description="须由质量强市工作领导小组重新审定公示名单（记录“重新审定公示名单”决定及文号）后，方可报市政府审定（第十六条、第十七条）。"
        />
      ) : null}
      {data.notice ? <PublishedNotice data={data} /> : <PublishForm editionId={editionId} data={data} />}
      {data.notice && data.abilities.rule ? <ObjectionsPanel editionId={editionId} /> : null}
    </Space>
  );
}

const entryColumns = [
  { title: '名称', dataIndex: 'name' },
  { title: '类型', dataIndex: 'kind', render: (k: string) => APPLICANT_KIND_LABELS[k] ?? k },
  { title: '拟授奖项', dataIndex: 'category', render: (c: NoticeEntry['category']) => NOTICE_CATEGORY_LABELS[c] },
];

function PublishedNotice({ data }: { data: NoticeOverview }) {
  const notice = data.notice!;
  return (
    <div>
      <Typography.Title level={4}>{notice.title}</Typography.Title>
      <Descriptions column={1} size="small">
        <Descriptions.Item label="公示期">
          {fmtDate(notice.startsOn)} 至 <strong>{fmtDate(notice.endsOn)}</strong>（{notice.workingDays} 个工作日）
          {notice.open ? <Tag color="green" style={{ marginInlineStart: 8 }}>公示中</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label="公开页面">
          <Typography.Link href={`/notices/${notice.id}`} target="_blank">
            查看公示页面
          </Typography.Link>
        </Descriptions.Item>
        <Descriptions.Item label="异议">
          待处理 {data.objectionCounts.open} 件 · 成立 {data.objectionCounts.upheld} 件 · 不成立 {data.objectionCounts.dismissed} 件
        </Descriptions.Item>
      </Descriptions>
      <Table<NoticeEntry>
        rowKey="applicationId"
        size="small"
        pagination={false}
        dataSource={notice.items}
        columns={[
          ...entryColumns,
          { title: '状态', key: 'removed', render: (_v, r) => (r.removed ? <Tag color="red">异议成立，已移出名单</Tag> : <Tag>在公示名单中</Tag>) },
        ]}
      />
    </div>
  );
}

interface PublishValues {
  title: string;
  body: string;
  contact: string;
  startsOn?: Dayjs | null;
}

const PUBLISH_FIELDS = ['title', 'body', 'contact', 'startsOn'] as const;

function PublishForm({ editionId, data }: { editionId: string; data: NoticeOverview }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PublishValues>();
  const startsOn = Form.useWatch('startsOn', form) as Dayjs | null | undefined;
  const start = startsOn ? startsOn.format('YYYY-MM-DD') : null;
  const period = useNoticePeriod(editionId, start, data.abilities.publish);
  const publish = usePublishNotice(editionId);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields();
    setProblem(null);
    const input: PublishNoticeRequest = { title: values.title, body: values.body, contact: values.contact, ...(start ? { startsOn: start } : {}) };
    try {
      await publish.mutateAsync(input);
      message.success('公示已发布');
    } catch (err) {
      setProblem(formProblem(err, applyFieldErrors(form, err, PUBLISH_FIELDS)));
    }
  };

  return (
    <div>
      <Typography.Title level={4}>发布拟授奖名单公示</Typography.Title>
      {data.approved.length === 0 ? (
        <Empty description="尚无经领导小组审定的拟授奖名单，审定后方可发布公示" />
      ) : (
        <>
          <Typography.Paragraph type="secondary">公示名单为领导小组审定的全部 {data.approved.length} 个对象，奖项类别按审定结果：</Typography.Paragraph>
          <Table<NoticeEntry> rowKey="applicationId" size="small" pagination={false} dataSource={data.approved} columns={entryColumns} style={{ marginBottom: 16 }} />
        </>
      )}
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" style={{ maxWidth: 720 }} disabled={!data.abilities.publish || publish.isPending} initialValues={{ title: '市长质量奖拟授奖名单公示', body: '经评审委员会审议、质量强市工作领导小组审定，现将拟授奖名单予以公示。' }}>
        <Form.Item name="title" label="公示标题" rules={[{ required: true, message: '请填写标题' }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="body" label="公示正文" rules={[{ required: true, message: '请填写正文' }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="contact" label="异议受理方式（联系人、电话、地址）" rules={[{ required: true, message: '请填写异议受理方式' }]}>
          <Input.TextArea rows={3} placeholder="如：联系电话 0539-xxxxxxx；地址：临沂市……；电子邮箱：……" />
        </Form.Item>
        <Form.Item name="startsOn" label="公示开始日期（默认今日）">
          <DatePicker format="YYYY-MM-DD" allowClear />
        </Form.Item>
        <Typography.Paragraph data-testid="notice-preview">
          {period.isFetching ? (
            '正在计算公示期…'
          ) : period.data ? (
            <>
              公示期：{fmtDate(period.data.startsOn)} 至 <strong>{fmtDate(period.data.endsOn)}</strong>（{period.data.workingDays} 个工作日，按节假日和调休安排计算）
            </>
          ) : period.isError ? (
            <Typography.Text type="danger">{period.error instanceof Error ? period.error.message : '无法计算公示期'}</Typography.Text>
          ) : null}
        </Typography.Paragraph>
        <Popconfirm title="发布公示" description="发布后名单上的申报进入公示，不能撤回。确认发布？" okText="发布" cancelText="取消" onConfirm={() => void submit()} disabled={!data.abilities.publish}>
          <Button type="primary" loading={publish.isPending} disabled={!data.abilities.publish} title={data.abilities.publish ? undefined : '没有待公示的审定名单，或本届已发布公示'}>
            发布公示
          </Button>
        </Popconfirm>
      </Form>
    </div>
  );
}
