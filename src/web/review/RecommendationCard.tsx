import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMe } from '../api/client';
import type { Application } from '../api/types';
import { applyFieldErrors, errorMessage } from '../shared/formErrors';
import { useLifecycleAction } from './useAppAction';

interface OpinionForm {
  recommend: boolean;
  opinion: string;
  signer: string;
  signedOn: Dayjs;
}

/** The county body's signed opinion (推荐/不推荐), shown when the server offers a step that records it. */
export function RecommendationCard({ app }: { app: Application }) {
  const me = useMe();
  const [form] = Form.useForm<OpinionForm>();
  const { modal } = AntApp.useApp();
  const [problem, setProblem] = useState<string | null>(null);
  const sign = useLifecycleAction(app.id, '推荐意见已签署');
  // A guard (e.g. the county's cap) may block recommending while not-recommending stays open.
  const blocked = app.actions.find((t) => t.action === 'recommend' && !t.allowed);

  const onFinish = (v: OpinionForm) => {
    setProblem(null);
    const payload = { opinion: v.opinion.trim(), signer: v.signer.trim(), signedOn: v.signedOn.format('YYYY-MM-DD') };
    sign.run(v.recommend ? 'recommend' : 'notRecommend', { payload }).catch((err) => {
      const unmatched = applyFieldErrors(form, err, ['opinion', 'signer', 'signedOn']);
      setProblem([errorMessage(err), ...unmatched].join('；'));
    });
  };

  return (
    <Card title="推荐意见" style={{ marginBottom: 16, borderColor: '#1f5fbf' }}>
      {blocked?.message ? <Alert type="warning" showIcon title={blocked.message} style={{ marginBottom: 12 }} /> : null}
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form<OpinionForm>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          // The county's opinion is signed: confirm before sending it.
          modal.confirm({ title: `确认签署“${v.recommend ? '推荐' : '不推荐'}”意见？`, content: '签署后意见不能修改。', okText: '确认签署', cancelText: '取消', onOk: () => onFinish(v) })
        }
        initialValues={{ recommend: true, signer: me.data?.user.displayName ?? '', signedOn: dayjs() }}
      >
        <Form.Item label="意见" name="recommend" rules={[{ required: true, message: '请选择是否推荐' }]}>
          <Radio.Group
            options={[
              { value: true, label: '推荐' },
              { value: false, label: '不推荐' },
            ]}
          />
        </Form.Item>
        <Form.Item label="推荐意见" name="opinion" rules={[{ required: true, whitespace: true, message: '请填写推荐意见' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item label="签署人" name="signer" rules={[{ required: true, whitespace: true, message: '请填写签署人' }]} style={{ display: 'inline-block', width: 'calc(50% - 8px)', marginInlineEnd: 16 }}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label="签署日期" name="signedOn" rules={[{ required: true, message: '请选择签署日期' }]} style={{ display: 'inline-block', width: 'calc(50% - 8px)' }}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" loading={sign.isPending}>
            签署意见
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
