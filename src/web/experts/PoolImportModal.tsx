import { useState } from 'react';
import { Alert, Button, Modal, Result, Space, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { PoolImportResult } from '../../contract/technical';
import { ApiError, getCsrfToken } from '../api/client';
import { EXPERTS_KEY } from '../technical/api';
import { rowErrors, type RowError } from './importErrors';

async function upload(file: File, validOnly: boolean): Promise<PoolImportResult> {
  const body = new FormData();
  body.append('file', file);
  const token = getCsrfToken();
  let res: Response;
  try {
    res = await fetch(`/api/experts/import?validOnly=${validOnly}`, { method: 'POST', body, credentials: 'same-origin', headers: token ? { 'x-csrf-token': token } : {} });
  } catch {
    throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络后重试');
  }
  const json = (await res.json().catch(() => null)) as (PoolImportResult & { code?: string; message?: string; fields?: Array<{ field: string; message: string }> }) | null;
  if (!res.ok) throw new ApiError(res.status, json?.code ?? `http_${res.status}`, json?.message ?? '导入失败', json?.fields ?? []);
  return json as PoolImportResult;
}

/** Imports the pool from the agency's Excel: a file with errors imports nothing unless the user takes the valid rows. */
export function PoolImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; rows: RowError[]; rowLevel: boolean } | null>(null);
  const [done, setDone] = useState<PoolImportResult | null>(null);

  const reset = () => {
    setFile(null);
    setFailure(null);
    setDone(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  const send = async (validOnly: boolean) => {
    if (!file) return;
    setBusy(true);
    setFailure(null);
    try {
      setDone(await upload(file, validOnly));
      void client.invalidateQueries({ queryKey: EXPERTS_KEY });
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'unknown', '导入失败');
      const rows = rowErrors(e.fields);
      setFailure({ message: e.message, rows, rowLevel: rows.some((r) => r.row !== null) });
    } finally {
      setBusy(false);
    }
  };

  const footer = done
    ? [<Button key="close" type="primary" onClick={close}>完成</Button>]
    : [
        <Button key="cancel" onClick={close}>取消</Button>,
        failure?.rowLevel ? (
          <Button key="valid" onClick={() => void send(true)} loading={busy} data-testid="pool-import-valid-only">
            只导入正确的行
          </Button>
        ) : null,
        <Button key="ok" type="primary" disabled={!file} loading={busy} onClick={() => void send(false)} data-testid="pool-import-submit">
          导入
        </Button>,
      ];

  return (
    <Modal title="从 Excel 导入专家库" open={open} onCancel={close} footer={footer} width={760} destroyOnHidden>
      {done ? (
        <Result
          status="success"
          title="导入完成"
          subTitle={`新增 ${done.imported} 位专家，更新 ${done.updated} 位专家${done.rows.length ? `，跳过 ${done.rows.length} 行有错误的数据` : ''}`}
          data-testid="pool-import-done"
        />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            请使用“下载导入模板”得到的表格填写。姓名与工作单位相同的专家将更新原有信息，其余新增。文件有错误时不导入任何数据。
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setFailure(null);
              return false;
            }}
            onRemove={() => reset()}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖入 Excel 文件（.xlsx，不超过 5 MB）</p>
          </Upload.Dragger>
          {failure ? <Alert type="error" showIcon role="alert" title={failure.message} /> : null}
          {failure && failure.rows.length ? (
            <Table<RowError>
              size="small"
              rowKey="key"
              dataSource={failure.rows}
              pagination={failure.rows.length > 10 ? { pageSize: 10 } : false}
              data-testid="pool-import-errors"
              columns={[
                { title: '行号', dataIndex: 'row', width: 80, render: (v: number | null) => (v === null ? '—' : `第 ${v} 行`) },
                { title: '列', dataIndex: 'column', width: 160 },
                { title: '问题', dataIndex: 'message' },
              ]}
            />
          ) : null}
        </Space>
      )}
    </Modal>
  );
}
