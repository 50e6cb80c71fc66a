import type { ServiceContext } from './context.js';

/** One to-do item (待办) of the caller; `link` is the UI path where it is done. */
export interface Task {
  id: string;
  kind: string;
  title: string;
  detail: string;
  dueOn: string | null;
  link: string;
}

/** A source of to-do items for one concern; later capabilities add their own. */
export type TaskSource = (ctx: ServiceContext) => Promise<Task[]>;
