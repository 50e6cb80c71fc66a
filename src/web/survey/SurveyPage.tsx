import { useState, type CSSProperties } from 'react';
import { Alert, Button, Form, Input, Radio, Result, Skeleton, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ApiError, apiGet, apiPost } from '../api/client';
import { SURVEY_COMMENT_MAX, type Questionnaire, type SurveyAnswer } from '../../contract/survey';
import { normaliseCode } from '../../domain/survey/codes';
import { errorMessage } from '../shared/formErrors';

/**
 * The respondent's page (社会满意度测评, Art. 16): no login; the code comes from the link or is
 * typed in; one questionnaire, answered once. Built for a phone: one column, large targets.
 */

const SYSTEM_NAME = '临沂市市长质量奖社会满意度测评';
const PAGE: CSSProperties = { minHeight: '100vh', background: '#f5f7fa' };
const MAIN: CSSProperties = { maxWidth: 640, margin: '0 auto', padding: '16px 12px 48px' };

/** The refusals a respondent can meet, in words that say what to do next. */
const REFUSALS: Record<string, { title: string; status: 'warning' | 'info' | 'error'; retype: boolean }> = {
  survey_code_invalid: { title: '测评码无效', status: 'error', retype: true },
  survey_code_used: { title: '该测评码已经使用过', status: 'info', retype: true },
  survey_closed: { title: '测评不在开放期内', status: 'warning', retype: false },
  too_many_requests: { title: '查询过于频繁', status: 'warning', retype: false },
};

export default function SurveyPage() {
  const [params, setParams] = useSearchParams();
  const code = params.get('code')?.trim() ?? '';
  const [done, setDone] = useState(false);
  const setCode = (next: string) => setParams(next ? { code: next } : {});

  return (
    <div style={PAGE}>
      <header style={{ background: '#1f3a68', color: '#fff', padding: '12px 16px', fontSize: 16, fontWeight: 600 }}>{SYSTEM_NAME}</header>
      <main style={MAIN}>
        {done ? (
          <Result status="success" title="提交成功，感谢您的参与！" subTitle="您的答卷已匿名记录，将用于市长质量奖候选对象的社会满意度评价。" data-testid="survey-thanks" />
        ) : code ? (
          <QuestionnaireView key={code} code={code} onRetype={() => setCode('')} onDone={() => setDone(true)} />
        ) : (
          <CodeEntry onSubmit={setCode} />
        )}
      </main>
    </div>
  );
}

function CodeEntry({ onSubmit, initial = '' }: { onSubmit: (code: string) => void; initial?: string }) {
  const [form] = Form.useForm<{ code: string }>();
  return (
    <div style={{ background: '#fff', borderRadius: 8, padding: 16 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        请输入测评码
      </Typography.Title>
      <Typography.Paragraph type="secondary">测评码由组织方发放，共 10 位字母或数字（如 7K3QF-M9XRD），不区分大小写。</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ code: initial }} onFinish={(v) => onSubmit(v.code.trim())}>
        <Form.Item
          name="code"
          label="测评码"
          rules={[
            { required: true, message: '请输入测评码' },
            { validator: (_, v: string) => (!v || normaliseCode(v) ? Promise.resolve() : Promise.reject(new Error('测评码应为 10 位字母或数字，请核对'))) },
          ]}
        >
          <Input size="large" autoComplete="off" autoCapitalize="characters" spellCheck={false} inputMode="text" placeholder="XXXXX-XXXXX" data-testid="survey-code-input" />
        </Form.Item>
        <Button type="primary" size="large" htmlType="submit" block>
          开始答卷
        </Button>
      </Form>
    </div>
  );
}

function Refusal({ error, code, onRetype }: { error: unknown; code: string; onRetype: () => void }) {
  const refusal = error instanceof ApiError ? REFUSALS[error.code] : undefined;
  return (
    <Result
      status={refusal?.status ?? 'error'}
      title={refusal?.title ?? '暂时无法打开问卷'}
      subTitle={errorMessage(error)}
      data-testid="survey-refusal"
      extra={
        refusal?.retype !== false ? (
          <Button type="primary" onClick={onRetype}>
            {refusal ? '重新输入测评码' : '返回'}
          </Button>
        ) : null
      }
    >
      {refusal?.retype ? <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>{`您输入的测评码：${code}`}</Typography.Paragraph> : null}
    </Result>
  );
}

function QuestionnaireView({ code, onRetype, onDone }: { code: string; onRetype: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ answers: number[]; comment?: string }>();
  const path = `/api/public/survey/${encodeURIComponent(code)}`;
  const questionnaire = useQuery({ queryKey: ['public', 'survey', code], queryFn: ({ signal }) => apiGet<Questionnaire>(path, signal), retry: false, refetchOnWindowFocus: false });
  const submit = useMutation({ mutationFn: (body: SurveyAnswer) => apiPost<{ ok: true }>(path, body), onSuccess: onDone });

  if (questionnaire.isPending) return <Skeleton active />;
  if (questionnaire.isError) return <Refusal error={questionnaire.error} code={code} onRetype={onRetype} />;
  const q = questionnaire.data;
  // A refusal of the submission itself (used meanwhile, period over) replaces the form.
  if (submit.error instanceof ApiError && REFUSALS[submit.error.code]) return <Refusal error={submit.error} code={code} onRetype={onRetype} />;

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => submit.mutate({ answers: v.answers, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) })}
      onFinishFailed={({ errorFields }) => errorFields[0] && form.scrollToField(errorFields[0].name, { block: 'center' })}
      data-testid="survey-form"
    >
      <div style={{ background: '#fff', borderRadius: 8, padding: 16, marginBottom: 12 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {q.candidateName}
        </Typography.Title>
        <Typography.Paragraph style={{ marginBottom: 4 }}>{`社会满意度测评问卷（${q.groupLabel}）`}</Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {`请根据您的真实感受逐题选择。答卷匿名，不记录您的姓名和联系方式；每个测评码只能提交一次。截止日期：${q.closesOn}。`}
        </Typography.Paragraph>
      </div>
      {q.questions.map((question, i) => (
        <div key={i} style={{ background: '#fff', borderRadius: 8, padding: '12px 16px 4px', marginBottom: 12 }}>
          <Form.Item name={['answers', i]} label={<span style={{ fontWeight: 500, whiteSpace: 'normal' }}>{`${i + 1}. ${question}`}</span>} rules={[{ required: true, message: '请选择一项' }]}>
            <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} data-testid={`survey-q${i}`}>
              {q.scaleLabels.map((label, k) => (
                <Radio key={k} value={k + 1} style={{ padding: '6px 0', fontSize: 15 }}>
                  {label}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        </div>
      ))}
      <div style={{ background: '#fff', borderRadius: 8, padding: '12px 16px 4px', marginBottom: 12 }}>
        <Form.Item name="comment" label="意见和建议（选填）">
          <Input.TextArea rows={3} maxLength={SURVEY_COMMENT_MAX} showCount />
        </Form.Item>
      </div>
      {submit.isError ? <Alert type="error" showIcon title={errorMessage(submit.error)} style={{ marginBottom: 12 }} /> : null}
      <Button type="primary" size="large" htmlType="submit" block loading={submit.isPending} data-testid="survey-submit">
        提交答卷
      </Button>
    </Form>
  );
}
