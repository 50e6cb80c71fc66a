import { useState } from 'react';
import { App, Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import { CASE_MAX_FILES, type caseFile } from '../../contract/supervision';
import { uploadErrorMessage, uploadHeaders } from '../applications/api';
import { CASE_FILE_UPLOAD_URL } from './api';

export type CaseFile = z.infer<typeof caseFile>;

/**
 * Evidence for a case: each file goes up on its own (POST /api/supervision/files, PDF or images,
 * like a notice objection's evidence) and the case names the uploaded ids when it is submitted.
 */
export function EvidenceUpload({ onChange, disabled }: { onChange: (files: CaseFile[]) => void; disabled?: boolean }) {
  const { message } = App.useApp();
  const [list, setList] = useState<UploadFile<CaseFile>[]>([]);
  const report = (next: UploadFile<CaseFile>[]) => onChange(next.filter((f) => f.status === 'done' && f.response).map((f) => f.response as CaseFile));
  return (
    <Upload<CaseFile>
      name="file"
      action={CASE_FILE_UPLOAD_URL}
      headers={uploadHeaders()}
      withCredentials
      accept=".pdf,.jpg,.jpeg,.png"
      multiple
      maxCount={CASE_MAX_FILES}
      fileList={list}
      disabled={disabled}
      onChange={({ file, fileList }) => {
        if (file.status === 'error') message.error(`${file.name}：${uploadErrorMessage(file.response, '上传失败')}`);
        // A failed upload leaves the list: only stored files count as evidence.
        const next = fileList.filter((f) => f.status !== 'error');
        setList(next);
        report(next);
      }}
    >
      <Button icon={<UploadOutlined />} disabled={disabled || list.length >= CASE_MAX_FILES} data-testid="case-evidence-upload">
        上传证据材料（PDF 或图片）
      </Button>
    </Upload>
  );
}
