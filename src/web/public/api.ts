import type { ObjectionReceipt } from '../../contract/notice';
import { ApiError, getCsrfToken } from '../api/client';

/**
 * Sends the objection form as multipart (text fields first, then the evidence files), the
 * way the server reads it; the JSON client cannot carry files.
 */
export async function sendObjection(noticeId: string, fields: Record<string, string | undefined>, files: File[]): Promise<ObjectionReceipt> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== '') body.append(name, value);
  for (const file of files) body.append('files', file, file.name);
  const token = getCsrfToken();
  let res: Response;
  try {
    res = await fetch(`/api/public/notices/${noticeId}/objections`, { method: 'POST', body, credentials: 'same-origin', headers: token ? { 'x-csrf-token': token } : {} });
  } catch {
    throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络后重试');
  }
  const json = (await res.json().catch(() => null)) as (ObjectionReceipt & { code?: string; message?: string; fields?: Array<{ field: string; message: string }> }) | null;
  if (!res.ok) throw new ApiError(res.status, json?.code ?? `http_${res.status}`, json?.message ?? '提交失败，请稍后再试', json?.fields ?? []);
  return json as ObjectionReceipt;
}
