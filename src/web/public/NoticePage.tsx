import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Result, Select, Skeleton, Table, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { APPLICANT_KIND_LABELS, NOTICE_CATEGORY_LABELS, OBJECTION_MAX_FILES, type NoticeEntry, type ObjectionReceipt, type PublicNoticeDetail } from '../../contract/notice';
import { apiGet } from '../api/client';
import { applyFieldErrors, formProblem } from '../shared/formErrors';
import { fmtDate } from '../shared/format';
import { Panel } from '../shared/Panel';
import { sendObjection } from './api';
import { PublicShell } from './PublicShell';

const FIELDS = ['applicationId', 'name', 'phone', 'email', 'organisation', 'content'] as const;

/** The public notice (公示, Art. 17): the list, the period with its last day, and how to object. */
export default function NoticePage() {
  const { id = '' } = useParams();
  const notice = useQuery({ queryKey: ['public', 'notice', id], queryFn: ({ signal }) => apiGet<PublicNoticeDetail>(`/api/public/notices/${id}`, signal) });
  const data = notice.data;
  return (
    <PublicShell>
      {notice.isPending ? (
        <Skeleton active />
      ) : notice.isError || !data ? (
        <Result status="404" title="公示不存在" subTitle={notice.error instanceof Error ? notice.error.message : undefined} />
      ) : (
        <>
          <Typography.Title level={2}>{data.title}</Typography.Title>
          <Panel style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="届次">{data.editionName}</Descriptions.Item>
              <Descriptions.Item label="公示期">
                <span data-testid="notice-period">
                  {fmtDate(data.startsOn)} 至 <strong data-testid="notice-ends-on">{fmtDate(data.endsOn)}</strong>（{data.workingDays} 个工作日，节假日不计）
                </span>
              </Descriptions.Item>
            </Descriptions>
            <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8, marginTop: 12 }}>{data.body}</div>
          </Panel>
          <Panel title="拟授奖名单" style={{ marginBottom: 16 }}>
            <Table<NoticeEntry>
              rowKey="applicationId"
              pagination={false}
              dataSource={data.items}
              columns={[
                { title: '序号', key: 'n', width: 70, render: (_v, _r, i) => i + 1 },
                { title: '名称', dataIndex: 'name' },
                { title: '类型', dataIndex: 'kind', render: (k: string) => APPLICANT_KIND_LABELS[k] ?? k },
                { title: '拟授奖项', dataIndex: 'category', render: (c: NoticeEntry['category']) => NOTICE_CATEGORY_LABELS[c] },
              ]}
            />
          </Panel>
          <Panel title="异议受理" style={{ marginBottom: 16 }}>
            <Typography.Paragraph>
              对公示名单有异议的，请在公示期内（{fmtDate(data.endsOn)} 24 时前，北京时间）实名提出，并提供联系方式和必要的证明材料。
            </Typography.Paragraph>
            <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }} data-testid="notice-contact">
              {data.contact}
            </div>
          </Panel>
          {data.open ? <ObjectionForm notice={data} /> : <Alert type="info" showIcon message={data.startsOn > new Date().toISOString().slice(0, 10) ? `公示期自 ${fmtDate(data.startsOn)} 开始，届时可在线提交异议` : '公示期已结束，不再受理异议'} />}
        </>
      )}
    </PublicShell>
  );
}

interface ObjectionValues {
  applicationId: string;
  name: string;
  phone: string;
  email?: string;
  organisation?: string;
  content: string;
}

function ObjectionForm({ notice }: { notice: PublicNoticeDetail }) {
  const [form] = Form.useForm<ObjectionValues>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<ObjectionReceipt | null>(null);

  if (receipt) {
    return (
      <Panel title="提交公示异议">
        <Result
          status="success"
          title="异议已提交"
          subTitle={
            <span>
              受理编号：<strong data-testid="objection-reference">{receipt.reference}</strong>。请妥善保存，强市办将调查核实后与您联系。
            </span>
          }
        />
      </Panel>
    );
  }

  const submit = async (values: ObjectionValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const raw = files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
      setReceipt(await sendObjection(notice.id, { ...values }, raw));
    } catch (err) {
      setProblem(formProblem(err, applyFieldErrors(form, err, FIELDS)));
    } finally {
      setBusy(false);
    }
  };

  const listed = notice.items.filter((i) => !i.removed);
  return (
    <Panel title="提交公示异议">
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form form={form} layout="vertical" onFinish={submit} disabled={busy} style={{ maxWidth: 640 }}>
        <Form.Item name="applicationId" label="异议对象" rules={[{ required: true, message: '请选择异议所针对的对象' }]}>
          <Select placeholder="请选择" options={listed.map((i) => ({ value: i.applicationId, label: `${i.name}（${NOTICE_CATEGORY_LABELS[i.category]}）` }))} />
        </Form.Item>
        <Form.Item name="name" label="姓名（实名）" rules={[{ required: true, message: '请填写姓名' }, { max: 100 }]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="phone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }, { pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/, message: '请填写有效的手机号或固定电话（如 0539-8888888）' }]}>
          <Input autoComplete="tel" />
        </Form.Item>
        <Form.Item name="email" label="电子邮箱（选填）" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}>
          <Input autoComplete="email" />
        </Form.Item>
        <Form.Item name="organisation" label="工作单位（选填）" rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="content" label="异议内容" rules={[{ required: true, message: '请填写异议内容' }, { max: 5000, message: '不能超过 5000 个字符' }]}>
          <Input.TextArea rows={6} maxLength={5000} showCount placeholder="请写明异议的事实和理由" />
        </Form.Item>
        <Form.Item label={`证明材料（选填，PDF 或图片，最多 ${OBJECTION_MAX_FILES} 个）`}>
          <Upload
            multiple
            accept=".pdf,.jpg,.jpeg,.png"
            fileList={files}
            maxCount={OBJECTION_MAX_FILES}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList.slice(0, OBJECTION_MAX_FILES))}
          >
            <Button disabled={files.length >= OBJECTION_MAX_FILES}>选择文件</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          提交异议
        </Button>
      </Form>
    </Panel>
  );
}
