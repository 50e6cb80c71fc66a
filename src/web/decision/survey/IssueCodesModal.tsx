import { useState } from 'react';
import { Alert, App as AntApp, Form, InputNumber, Modal, Radio, Typography } from 'antd';
import { SURVEY_BATCH_MAX } from '../../../contract/survey';
import { RESPONDENT_GROUP_LABELS, RESPONDENT_GROUPS, type RespondentGroup } from '../../../domain/profile/decision-settings';
import { applyFieldErrors, errorMessage } from '../../shared/formErrors';
import { useIssueCodes } from './api';

interface Values {
  group: RespondentGroup;
  count: number;
}

/** Issues one batch of codes for one group and downloads the spreadsheet (the only time the codes are shown). */
export function IssueCodesModal({ editionId, survey, onClose }: { editionId: string; survey: { surveyId: string; name: string } | null; onClose: () => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const issue = useIssueCodes(editionId);

  const submit = async () => {
    const values = await form.validateFields();
    setProblem(null);
    try {
      await issue.mutateAsync({ surveyId: survey!.surveyId, ...values });
      message.success(`已发放 ${values.count} 个${RESPONDENT_GROUP_LABELS[values.group]}测评码，Excel 已下载`);
      onClose();
    } catch (err) {
      const unmatched = applyFieldErrors(form, err, ['group', 'count']);
      setProblem(unmatched.length ? unmatched.join('；') : (err as { fields?: unknown[] }).fields?.length ? null : errorMessage(err));
    }
  };

  return (
    <Modal
      open={survey !== null}
      title={survey ? `发放测评码：${survey.name}` : ''}
      okText="发放并下载 Excel"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={issue.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ group: 'customer', count: 50 }} preserve={false}>
        <Form.Item name="group" label="测评群体" rules={[{ required: true, message: '请选择测评群体' }]}>
          <Radio.Group optionType="button" options={RESPONDENT_GROUPS.map((g) => ({ label: RESPONDENT_GROUP_LABELS[g], value: g }))} />
        </Form.Item>
        <Form.Item name="count" label="本批数量" rules={[{ required: true, message: '请输入数量' }]} extra={`每批 1 至 ${SURVEY_BATCH_MAX} 个；每个测评码只能答卷一次。`}>
          <InputNumber min={1} max={SURVEY_BATCH_MAX} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="warning">测评码明码只在本次下载的 Excel 中出现，系统不保存明码，请妥善保管并分发给答卷人。</Typography.Paragraph>
      {problem ? <Alert type="error" showIcon title={problem} /> : null}
    </Modal>
  );
}
