import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts the server's field errors (`fields[].field`) on the matching form fields.
 * A server path such as `body.schedule.year` or `year` is matched against the
 * known field names by its full text first, then by its last segment.
 * Returns the messages that matched no field, for display in an Alert.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, knownFields: readonly string[]): string[] {
  if (!(error instanceof ApiError) || error.fields.length === 0) return [];
  const byField = new Map<string, string[]>();
  const unmatched: string[] = [];
  for (const f of error.fields) {
    const candidates = [f.field, f.field.replace(/^body\./, ''), f.field.split('.').pop() ?? f.field];
    const name = candidates.find((c) => knownFields.includes(c));
    if (name) byField.set(name, [...(byField.get(name) ?? []), f.message || error.message]);
    else unmatched.push(f.message ? `${f.field}：${f.message}` : f.field);
  }
  form.setFields([...byField.entries()].map(([name, errors]) => ({ name, errors })));
  return unmatched;
}

/** Chinese message of any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return '操作失败，请稍后再试';
}

/**
 * For a place with no form to mark: the server's field messages (which say what is wrong, where the
 * general message only says "see the marked fields"), else the message.
 */
export function errorWithFields(error: unknown): string {
  const fields = error instanceof ApiError ? error.fields.map((f) => f.message).filter(Boolean) : [];
  return fields.length ? fields.join('；') : errorMessage(error);
}

/**
 * What a form's top Alert should say after a failed submit: nothing when every server message
 * already sits beside its field, else the message and the messages no field took.
 */
export function formProblem(error: unknown, unmatched: string[]): string | null {
  const placed = error instanceof ApiError && error.fields.length > 0 && unmatched.length === 0;
  return placed ? null : [errorMessage(error), ...unmatched].join('；');
}
