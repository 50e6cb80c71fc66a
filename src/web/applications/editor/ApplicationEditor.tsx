import { useMemo } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Form, Row, Skeleton } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { apiPost } from '../../api/client';
import type { Application } from '../../api/types';
import { errorMessage } from '../../shared/formErrors';
import { APPLICATIONS_KEY, applicationKey, useCurrentEdition } from '../api';
import { ApplicationHeader } from '../ApplicationHeader';
import { FilesPanel } from '../FilesPanel';
import { BasicSection, DeclarationSection, OperationSection, PreferenceSection } from './FormSections';
import { formNamePath, toFormValues, toServerPatch } from './formModel';
import { SelfEvaluationSection } from './SelfEvaluation';
import { SaveIndicator, SidePanel } from './SidePanel';
import { useAutosave } from './useAutosave';

/** The applicant's form while the application is editable (draft / returned, before the deadline). */
export function ApplicationEditor({ app }: { app: Application }) {
  const edition = useCurrentEdition();
  if (edition.isPending) return <Skeleton active />;
  const current = edition.data && edition.data.id === app.editionId ? edition.data : undefined;
  return <EditorForm key={app.id} app={app} edition={current} />;
}

function EditorForm({ app, edition }: { app: Application; edition: ReturnType<typeof useCurrentEdition>['data'] }) {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const { message, modal } = AntApp.useApp();
  // A draft belongs to the open edition; the fallback only guards an odd closed-edition draft.
  const editionYear = edition?.year ?? dayjs(app.applicationDeadline).year();
  // The form is initialised once; later server answers update the side panel, not the inputs being typed in.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const initialValues = useMemo(() => toFormValues(app.form, editionYear), [app.id]);

  const { status, queue, flush } = useAutosave({
    applicationId: app.id,
    initialRevision: app.revision,
    onSaved: (updated) => queryClient.setQueryData(applicationKey(app.id), updated),
    onFieldErrors: (fields) =>
      form.setFields(fields.filter((f) => f.field !== 'revision').map((f) => ({ name: formNamePath(f.field), errors: [f.message] }))),
  });

  const submit = useMutation({
    mutationFn: async () => {
      if (!(await flush())) throw new Error('有内容尚未保存成功，请先按提示修改后再提交');
      const action = app.actions.find((a) => a.action === 'submit' || a.action === 'resubmit')?.action ?? 'submit';
      return apiPost<Application>(`/api/applications/${encodeURIComponent(app.id)}/actions/${action}`, {});
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(applicationKey(app.id), updated);
      void queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
      message.success('申报已提交，等待县区签署推荐意见');
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  const template = edition?.profile.scoringTemplates[app.kind];
  const canUpload = app.abilities.upload.allowed;

  return (
    <div>
      <ApplicationHeader app={app} extra={<SaveIndicator status={status} />} />
      {status.kind === 'conflict' ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title="申报内容已在其他窗口或设备上更新，本页的修改无法继续保存。"
          description="请刷新页面载入最新内容后再继续填写。"
          action={
            <Button type="primary" onClick={() => window.location.reload()}>
              刷新页面
            </Button>
          }
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} lg={17}>
          <Form
            form={form}
            layout="vertical"
            initialValues={initialValues}
            onValuesChange={(changed) => queue(toServerPatch(changed as Record<string, unknown>))}
            disabled={status.kind === 'conflict'}
            scrollToFirstError
          >
            <BasicSection kind={app.kind} />
            {app.kind === 'unit' ? <OperationSection /> : null}
            <DeclarationSection kind={app.kind} />
            {app.kind === 'unit' ? <PreferenceSection edition={edition} /> : null}
            <SelfEvaluationSection app={app} template={template} canUpload={canUpload} />
          </Form>
          <Card title="证明材料" id="section-evidence" style={{ marginBottom: 16 }}>
            <FilesPanel applicationId={app.id} purpose="evidence" canUpload={canUpload} uploadLabel="上传证明材料" fallback={app.files} />
          </Card>
        </Col>
        <Col xs={24} lg={7}>
          <SidePanel
            app={app}
            status={status}
            submitting={submit.isPending}
            onSubmit={() =>
              // Submitting is a signed act: the materials become read-only and go to the county.
              modal.confirm({
                title: '确认提交申报？',
                content: '提交后申报材料将不能修改，并送县区签署推荐意见。',
                okText: '确认提交',
                cancelText: '取消',
                onOk: () => submit.mutateAsync().catch(() => undefined),
              })
            }
          />
        </Col>
      </Row>
    </div>
  );
}
