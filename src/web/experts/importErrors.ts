/** The pool import's refusal as a table: one line per row and column. */

export interface RowError {
  key: string;
  row: number | null;
  column: string;
  message: string;
}

/** The 422's fields are `第{row}行·{column}`: back into a row/column table. */
export function rowErrors(fields: Array<{ field: string; message: string }>): RowError[] {
  return fields.map((f, i) => {
    const m = /^(?:body\.)?第(\d+)行·(.*)$/.exec(f.field);
    return { key: String(i), row: m ? Number(m[1]) : null, column: m ? m[2]! : f.field === 'file' ? '文件' : f.field, message: f.message };
  });
}
