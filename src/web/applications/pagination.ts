import type { ApplicationPage } from '../../contract/applications';

/**
 * antd Table pagination for an applications page. With an exact total the pager shows every
 * page; without one (a department's or an expert's list) it counts the pages seen so far and
 * one more while the server says there are more rows, so "next" still works.
 */
export function listPagination(data: ApplicationPage | undefined, page: { page: number; pageSize: number }): { total: number; showTotal: (total: number) => string } {
  if (!data) return { total: 0, showTotal: () => '' };
  if (data.total !== null) return { total: data.total, showTotal: (t) => `共 ${t} 条` };
  const seen = (page.page - 1) * page.pageSize + data.items.length;
  return { total: data.hasMore ? seen + 1 : seen, showTotal: () => (data.hasMore ? `第 ${page.page} 页，后面还有` : `共 ${seen} 条`) };
}
