import { useEffect, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { PanelView } from '../../contract/technical';
import type { TechnicalStage } from '../../contract/technical-report';
import { apiPut } from '../api/client';
import { applyFieldErrors, formProblem } from '../shared/formErrors';
import { editionBase, usePanelMutation } from './api';

type Application = PanelView['applications'][number];
interface Values {
  scheduledOn: Dayjs;
  location: string;
  agenda: string;
}

/** The on-site review's or the defence's date (a working day, checked by the server), place and agenda. */
export function ScheduleModal({ editionId, stage, stageLabel, application, onClose }: { editionId: string; stage: TechnicalStage; stageLabel: string; application: Application | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();
  const save = usePanelMutation(editionId, stage, ({ applicationId, body }: { applicationId: string; body: { scheduledOn: string; location: string; agenda: string } }) =>
    apiPut<PanelView>(`${editionBase(editionId)}/stages/${stage}/schedules/${encodeURIComponent(applicationId)}`, body),
  );

  useEffect(() => {
    if (!application) return;
    form.resetFields();
    setProblem(null);
    const s = application.schedule;
    if (s) form.setFieldsValue({ scheduledOn: dayjs(s.scheduledOn), location: s.location, agenda: s.agenda });
  }, [application, form]);

  const ok = async () => {
    if (!application) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setProblem(null);
    try {
      await save.mutateAsync({ applicationId: application.applicationId, body: { scheduledOn: values.scheduledOn.format('YYYY-MM-DD'), location: values.location.trim(), agenda: values.agenda.trim() } });
      message.success('日程已保存');
      onClose();
    } catch (err) {
      const unmatched = applyFieldErrors(form, err, ['scheduledOn', 'location', 'agenda']);
      setProblem(formProblem(err, unmatched));
    }
  };

  return (
    <Modal title={application ? `安排${stageLabel}：${application.name}` : `安排${stageLabel}`} open={application !== null} okText="保存日程" cancelText="取消" confirmLoading={save.isPending} onOk={ok} onCancel={onClose} forceRender>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} name="panelSchedule" layout="vertical">
        <Form.Item label="日期" name="scheduledOn" rules={[{ required: true, message: '请选择日期' }]} extra="须为工作日（按国务院节假日安排，含调休上班日）">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="地点" name="location" rules={[{ required: true, whitespace: true, message: '请填写地点' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="议程" name="agenda" rules={[{ required: true, whitespace: true, message: '请填写议程' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount placeholder="如：9:00 首次会议；9:30 现场查看；14:00 座谈与末次会议" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
