import { useState } from 'react';
import { App as AntApp, Button, Popconfirm, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { ApplicationFile } from '../api/types';
import { errorMessage } from '../shared/formErrors';
import { fmtTime } from '../shared/format';
import { applicationKey, filesKey, fileUrl, fmtSize, uploadErrorMessage, uploadHeaders, uploadUrl, useApplicationFiles } from './api';

export const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx';

/** One upload button for an application's files; reports the created file. */
export function UploadButton({
  applicationId,
  purpose,
  itemCode,
  label = '上传文件',
  onUploaded,
}: {
  applicationId: string;
  purpose: ApplicationFile['purpose'];
  itemCode?: string;
  label?: string;
  onUploaded?: (file: ApplicationFile) => void;
}) {
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(0);
  return (
    <Upload
      name="file"
      action={uploadUrl(applicationId, purpose, itemCode)}
      headers={uploadHeaders()}
      accept={ACCEPT}
      multiple
      showUploadList={false}
      onChange={({ file }) => {
        if (file.status === 'uploading' && file.percent === 0) setBusy((n) => n + 1);
        if (file.status === 'done') {
          setBusy((n) => Math.max(0, n - 1));
          message.success(`已上传：${file.name}`);
          void queryClient.invalidateQueries({ queryKey: filesKey(applicationId) });
          void queryClient.invalidateQueries({ queryKey: applicationKey(applicationId) });
          onUploaded?.(file.response as ApplicationFile);
        }
        if (file.status === 'error') {
          setBusy((n) => Math.max(0, n - 1));
          message.error(`${file.name}：${uploadErrorMessage(file.response)}`);
        }
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy > 0}>
        {label}
      </Button>
    </Upload>
  );
}

/** A list of files with download links, and delete where the server allows it. */
export function FileList({
  files,
  applicationId,
  emptyText = '暂无文件',
  readOnly = false,
}: {
  files: ApplicationFile[];
  applicationId: string;
  emptyText?: string;
  /** Never offer delete (e.g. in a past version's view). */
  readOnly?: boolean;
}) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const remove = useMutation({
    mutationFn: (id: string) => api<void>(`/api/files/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success('文件已删除');
      void queryClient.invalidateQueries({ queryKey: filesKey(applicationId) });
      void queryClient.invalidateQueries({ queryKey: applicationKey(applicationId) });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  if (files.length === 0) return <Typography.Text type="secondary">{emptyText}</Typography.Text>;
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="文件列表">
      {files.map((f) => (
        <li key={f.id} style={{ padding: '4px 0', display: 'flex', alignItems: 'center', gap: 8 }}>
          <PaperClipOutlined />
          <a href={fileUrl(f.id)} target="_blank" rel="noreferrer">
            {f.originalName}
          </a>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fmtSize(f.size)} · {fmtTime(f.createdAt)}
          </Typography.Text>
          {f.abilities?.delete && !readOnly ? (
            <Popconfirm title={`删除“${f.originalName}”？`} okText="删除" cancelText="取消" onConfirm={() => remove.mutateAsync(f.id).catch(() => undefined)}>
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${f.originalName}`} />
            </Popconfirm>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Files of one purpose (and self-evaluation item) with an upload button when allowed. */
export function FilesPanel({
  applicationId,
  purpose,
  itemCode,
  canUpload,
  uploadLabel,
  fallback,
  only,
}: {
  applicationId: string;
  purpose: ApplicationFile['purpose'];
  itemCode?: string;
  canUpload: boolean;
  uploadLabel?: string;
  /** Files from the Application object, shown until the file list (with abilities) loads. */
  fallback?: ApplicationFile[];
  /** Restrict to these file ids (a submitted version's files); the list is then read-only. */
  only?: readonly string[];
}) {
  const list = useApplicationFiles(applicationId);
  const all = list.data?.items ?? fallback ?? [];
  const files = all.filter(
    (f) => f.purpose === purpose && (itemCode === undefined || f.itemCode === itemCode) && (!only || only.includes(f.id)),
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {canUpload ? (
        <Space wrap>
          <UploadButton applicationId={applicationId} purpose={purpose} itemCode={itemCode} label={uploadLabel} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            支持 PDF、图片（PNG/JPG）、Word（docx）、Excel（xlsx）
          </Typography.Text>
        </Space>
      ) : null}
      <FileList files={files} applicationId={applicationId} readOnly={!!only} />
    </Space>
  );
}
