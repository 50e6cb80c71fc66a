import type { ServiceContext } from './context.js';

import type { Task } from '../contract/system.js';

export type { Task };

/** A source of to-do items for one concern; later capabilities add their own. */
export type TaskSource = (ctx: ServiceContext) => Promise<Task[]>;
