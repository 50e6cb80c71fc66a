import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Form, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPut } from '../api/client';
import type { Edition, EditionSchedule } from '../../contract/editions';
import { applyFieldErrors, errorMessage } from '../shared/formErrors';
import { EDITIONS_KEY, editionKey } from './api';

type ScheduleField = keyof EditionSchedule;

/** The stages of the schedule in procedure order (SPEC §4), with their Chinese labels. */
export const SCHEDULE_FIELDS: { name: ScheduleField; label: string; required?: boolean }[] = [
  { name: 'applicationDeadline', label: '申报截止', required: true },
  { name: 'recommendationDeadline', label: '县区推荐截止' },
  { name: 'acceptanceDeadline', label: '受理截止' },
  { name: 'qualificationDeadline', label: '资格审查截止' },
  { name: 'technicalReviewDeadline', label: '技术评审截止' },
  { name: 'surveyDeadline', label: '满意度测评截止' },
  { name: 'committeeMeetingOn', label: '评审委全体会议日期' },
];

type ScheduleValues = Partial<Record<ScheduleField, Dayjs | null>>;

function toFormValues(schedule: EditionSchedule | null): ScheduleValues {
  const out: ScheduleValues = {};
  for (const f of SCHEDULE_FIELDS) {
    const v = schedule?.[f.name];
    out[f.name] = v ? dayjs(v) : null;
  }
  return out;
}

export function ScheduleForm({ edition }: { edition: Edition }) {
  const [form] = Form.useForm<ScheduleValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();

  const save = useMutation({
    mutationFn: (values: ScheduleValues) => {
      // Empty optional dates are left out; every sent date is YYYY-MM-DD.
      const body: Partial<Record<ScheduleField, string>> = {};
      for (const f of SCHEDULE_FIELDS) {
        const v = values[f.name];
        if (v) body[f.name] = v.format('YYYY-MM-DD');
      }
      return apiPut<Edition>(`/api/editions/${encodeURIComponent(edition.id)}/schedule`, body);
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(editionKey(edition.id), updated);
      void queryClient.invalidateQueries({ queryKey: EDITIONS_KEY, exact: true });
      message.success('日程已保存');
    },
    onError: (err) => {
      const unmatched = applyFieldErrors(
        form,
        err,
        SCHEDULE_FIELDS.map((f) => f.name),
      );
      setProblem([errorMessage(err), ...unmatched].join('；'));
    },
  });

  return (
    <Card title="设置日程" style={{ marginBottom: 16 }}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form<ScheduleValues>
        form={form}
        layout="vertical"
        initialValues={toFormValues(edition.schedule)}
        // Enter in a date input confirms the date; it must not also submit the whole schedule.
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
        }}
        onFinish={(v) => {
          setProblem(null);
          save.mutate(v);
        }}
      >
        <Row gutter={16}>
          {SCHEDULE_FIELDS.map((f) => (
            <Col key={f.name} xs={24} sm={12} lg={8}>
              <Form.Item
                label={f.label}
                name={f.name}
                rules={f.required ? [{ required: true, message: `请选择${f.label}日期` }] : undefined}
              >
                <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存日程
        </Button>
      </Form>
    </Card>
  );
}
