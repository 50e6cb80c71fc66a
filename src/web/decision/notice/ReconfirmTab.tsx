import { useState } from 'react';
import { Alert, App as AntApp, Button, DatePicker, Empty, Form, Input, Popconfirm, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { APPLICANT_KIND_LABELS, NOTICE_CATEGORIES, NOTICE_CATEGORY_LABELS, type NoticeEntry } from '../../../contract/notice';
import { applyFieldErrors, formProblem } from '../../shared/formErrors';
import { fmtDate } from '../../shared/format';
import { QueryError } from '../../shared/QueryError';
import { useNoticeOverview, useReconfirm } from './api';

interface Values {
  documentNumber: string;
  decidedOn: Dayjs;
}

/**
 * The leadership's tab: after an upheld objection took a candidate off the notice's list, the
 * group decides on the remaining list again (decision notice_confirmation, with its number);
 * until then the government's decision is held.
 */
export default function ReconfirmTab({ editionId }: { editionId: string }) {
  const { message } = AntApp.useApp();
  const overview = useNoticeOverview(editionId);
  const reconfirm = useReconfirm(editionId);
  const [form] = Form.useForm<Values>();
  const [categories, setCategories] = useState<Record<string, NoticeEntry['category']>>({});
  const [problem, setProblem] = useState<string | null>(null);

  if (overview.isPending) return <Skeleton active />;
  if (overview.isError) return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  const { notice, reconfirmationPending, abilities } = overview.data;
  if (!notice) return <Empty description="本届次尚未发布公示" />;
  const remaining = notice.items.filter((i) => !i.removed);
  const removed = notice.items.filter((i) => i.removed);
  const categoryOf = (i: NoticeEntry) => categories[i.applicationId] ?? i.category;

  const submit = async () => {
    const values = await form.validateFields();
    setProblem(null);
    try {
      await reconfirm.mutateAsync({
        kind: 'notice_confirmation',
        documentNumber: values.documentNumber,
        decidedOn: values.decidedOn.format('YYYY-MM-DD'),
        items: remaining.map((i) => ({ applicationId: i.applicationId, outcome: 'confirmed', category: categoryOf(i) })),
      });
      message.success('已重新审定公示名单');
    } catch (err) {
      setProblem(formProblem(err, applyFieldErrors(form, err, ['documentNumber', 'decidedOn'])));
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {reconfirmationPending ? (
        <Alert type="warning" showIcon message="公示异议成立，名单已变动" description="请重新审定公示名单；审定前市政府不能作出授奖决定（第十六条、第十七条）。" />
      ) : (
        <Alert type="success" showIcon message="公示名单无需重新审定" description={`公示期 ${fmtDate(notice.startsOn)} 至 ${fmtDate(notice.endsOn)}。`} />
      )}
      {removed.length ? (
        <Typography.Paragraph>
          已移出名单：
          {removed.map((r) => (
            <Tag key={r.applicationId} color="red">
              {r.name}
            </Tag>
          ))}
        </Typography.Paragraph>
      ) : null}
      <Table<NoticeEntry>
        rowKey="applicationId"
        size="small"
        pagination={false}
        dataSource={remaining}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', render: (k: string) => APPLICANT_KIND_LABELS[k] ?? k },
          {
            title: '奖项类别',
            key: 'category',
            render: (_v, r) =>
              abilities.reconfirm ? (
                <Select<NoticeEntry['category']>
                  value={categoryOf(r)}
                  style={{ width: 160 }}
                  onChange={(c) => setCategories((prev) => ({ ...prev, [r.applicationId]: c }))}
                  options={NOTICE_CATEGORIES.map((c) => ({ value: c, label: NOTICE_CATEGORY_LABELS[c] }))}
                />
              ) : (
                NOTICE_CATEGORY_LABELS[r.category]
              ),
          },
        ]}
      />
      {abilities.reconfirm ? (
        <div>
          {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} /> : null}
          <Form form={form} layout="inline" initialValues={{ decidedOn: dayjs() }}>
            <Form.Item name="documentNumber" label="文号" rules={[{ required: true, message: '请填写文号' }]}>
              <Input placeholder="如：临质强〔2026〕8号" style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="decidedOn" label="审定日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker format="YYYY-MM-DD" allowClear={false} />
            </Form.Item>
            <Popconfirm title="重新审定公示名单" description={`确认以上 ${remaining.length} 个对象为审定名单？`} okText="确认" cancelText="取消" onConfirm={() => void submit()} disabled={remaining.length === 0}>
              <Button type="primary" loading={reconfirm.isPending} disabled={remaining.length === 0}>
                重新审定公示名单
              </Button>
            </Popconfirm>
          </Form>
        </div>
      ) : null}
    </Space>
  );
}
