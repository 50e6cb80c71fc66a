import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../api/client';
import type { Edition } from '../../contract/editions';
import { fmtDate } from '../shared/format';
import { applyFieldErrors, errorMessage } from '../shared/formErrors';
import { EDITIONS_KEY, editionKey } from './api';

/** A starting text for the call (申报通知, Art. 13); the office edits it before publishing. */
export function defaultCallText(e: Edition): string {
  const deadline = e.schedule?.applicationDeadline ? fmtDate(e.schedule.applicationDeadline) : '（待定）';
  return [
    `关于组织申报${e.name}的通知`,
    '',
    '各县区质量强县区工作领导小组办公室，市直有关部门，各有关单位：',
    `根据《${e.profileName}》的规定，现组织开展${e.name}（${e.year}年度）申报工作。有关事项通知如下：`,
    '一、申报对象：本市行政区域内依法注册、具有独立法人资格的组织，以及在本市从事质量工作的个人。',
    '二、申报方式：申报单位和个人登录本系统，填写申报表、自我评价报告并上传证明材料，经所在县区推荐后提交。',
    `三、申报截止日期：${deadline}。逾期不予受理。`,
    '四、市长质量奖评审不向申报单位和个人收取任何费用。',
    '',
    '临沂市质量强市工作领导小组办公室',
  ].join('\n');
}

export function PublishCallForm({ edition }: { edition: Edition }) {
  const [form] = Form.useForm<{ callText: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();

  const publish = useMutation({
    mutationFn: (callText: string) =>
      apiPost<Edition>(`/api/editions/${encodeURIComponent(edition.id)}/publish-call`, { callText }),
    onSuccess: (updated) => {
      queryClient.setQueryData(editionKey(edition.id), updated);
      void queryClient.invalidateQueries({ queryKey: EDITIONS_KEY, exact: true });
      void queryClient.invalidateQueries({ queryKey: ['public', 'home'] });
      message.success('申报通知已发布');
    },
    onError: (err) => {
      const unmatched = applyFieldErrors(form, err, ['callText']);
      setProblem([errorMessage(err), ...unmatched].join('；'));
    },
  });

  return (
    <Card title="申报通知" style={{ marginBottom: 16 }}>
      {!edition.schedule ? (
        <Alert type="info" showIcon title="发布申报通知前须先设置日程（至少包括申报截止日期）。" style={{ marginBottom: 16 }} />
      ) : null}
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form<{ callText: string }>
        form={form}
        layout="vertical"
        initialValues={{ callText: edition.callText || defaultCallText(edition) }}
        onFinish={(v) => {
          setProblem(null);
          publish.mutate(v.callText);
        }}
      >
        <Form.Item
          label="通知内容"
          name="callText"
          rules={[{ required: true, whitespace: true, message: '请输入通知内容' }]}
        >
          <Input.TextArea autoSize={{ minRows: 8, maxRows: 24 }} maxLength={20000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={publish.isPending}>
          发布申报通知
        </Button>
      </Form>
    </Card>
  );
}
