import { useState } from 'react';
import { Alert, App as AntApp, Button, Checkbox, DatePicker, Form, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { SurveyOverview } from '../../../contract/survey';
import { applyFieldErrors, errorMessage } from '../../shared/formErrors';
import { useOpenSurveys } from './api';

interface Values {
  period: [Dayjs, Dayjs] | null;
  applicationIds: string[];
}

/** Opens the surveys of the chosen candidates (default all whose technical review is done) for one period. */
export function OpenSurveysForm({ editionId, eligible }: { editionId: string; eligible: SurveyOverview['eligible'] }) {
  const { modal, message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const open = useOpenSurveys(editionId);

  const submit = (values: Values) => {
    const [from, to] = values.period!;
    const chosen = values.applicationIds;
    modal.confirm({
      title: `为 ${chosen.length} 个候选对象开展社会满意度测评？`,
      content: `测评期 ${from.format('YYYY-MM-DD')} 至 ${to.format('YYYY-MM-DD')}。申报将转入“社会满意度测评”阶段，此操作不可撤销。`,
      okText: '开展测评',
      cancelText: '取消',
      onOk: async () => {
        setProblem(null);
        try {
          const all = chosen.length === eligible.length;
          const res = await open.mutateAsync({ opensOn: from.format('YYYY-MM-DD'), closesOn: to.format('YYYY-MM-DD'), ...(all ? {} : { applicationIds: chosen }) });
          message.success(`已为 ${res.opened} 个候选对象开展测评`);
          form.resetFields();
        } catch (err) {
          const unmatched = applyFieldErrors(form, err, ['opensOn', 'closesOn', 'applicationIds']);
          // Date errors belong to the one range field.
          const dateErrors = (err as { fields?: Array<{ field: string; message: string }> }).fields?.filter((f) => f.field === 'opensOn' || f.field === 'closesOn') ?? [];
          if (dateErrors.length) form.setFields([{ name: 'period', errors: dateErrors.map((f) => f.message) }]);
          setProblem(unmatched.length ? unmatched.join('；') : dateErrors.length ? null : errorMessage(err));
        }
      },
    });
  };

  return (
    <Alert
      type="info"
      showIcon
      title={`有 ${eligible.length} 项申报已完成技术评审，等待开展社会满意度测评（第十六条）`}
      description={
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ applicationIds: eligible.map((e) => e.applicationId), period: null }} style={{ marginTop: 8 }}>
          <Form.Item name="applicationIds" label="候选对象" rules={[{ required: true, message: '请至少选择一个候选对象' }]}>
            <Checkbox.Group options={eligible.map((e) => ({ label: e.name, value: e.applicationId }))} />
          </Form.Item>
          <Form.Item name="period" label="测评期（含首尾两日，北京时间）" rules={[{ required: true, message: '请选择测评期' }]}>
            <DatePicker.RangePicker format="YYYY-MM-DD" placeholder={['开始日期', '结束日期']} />
          </Form.Item>
          {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
          <Space>
            <Button type="primary" htmlType="submit" loading={open.isPending} data-testid="survey-open">
              开展测评
            </Button>
            <Typography.Text type="secondary">开展后为每个候选对象按顾客、员工、社会公众分别发放测评码。</Typography.Text>
          </Space>
        </Form>
      }
    />
  );
}
