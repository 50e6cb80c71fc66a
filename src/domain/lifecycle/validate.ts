import { ROLES } from '../roles.js';
import { GUARDS } from './guards.js';
import { STATE_LABELS } from './states.js';
import type { LifecycleTable } from './types.js';

export class LifecycleTableError extends Error {
  constructor(readonly problems: string[]) {
    super(`申报流程定义有误：\n- ${problems.join('\n- ')}`);
    this.name = 'LifecycleTableError';
  }
}

/**
 * Checks a lifecycle table at build time and throws LifecycleTableError listing every
 * problem: unknown states, roles or guards; duplicate (from, to) pairs; states not
 * reachable from the initial state; non-final states without an exit; final states
 * with one; states from which no final state can be reached.
 */
export function validateLifecycle(table: LifecycleTable): void {
  const problems: string[] = [];
  const name = (s: string) => `${s}（${STATE_LABELS[s as keyof typeof STATE_LABELS] ?? '未知状态'}）`;
  const states = new Set<string>(table.states);
  const finals = new Set<string>(table.finalStates);

  if (states.size !== table.states.length) problems.push('状态列表中有重复项');
  if (!states.has(table.initial)) problems.push(`初始状态 ${name(table.initial)} 不在状态列表中`);
  for (const f of finals) if (!states.has(f)) problems.push(`终态 ${name(f)} 不在状态列表中`);

  const pairs = new Set<string>();
  for (const tr of table.transitions) {
    const where = `${tr.from} → ${tr.to}`;
    if (!states.has(tr.from)) problems.push(`转换 ${where} 的起始状态不在状态列表中`);
    if (!states.has(tr.to)) problems.push(`转换 ${where} 的目标状态不在状态列表中`);
    if (pairs.has(where)) problems.push(`转换 ${where} 重复定义`);
    pairs.add(where);
    if (table.transitions.filter((o) => o.from === tr.from && o.action === tr.action).length > 1) problems.push(`状态 ${name(tr.from)} 有多个名为 ${tr.action} 的操作`);
    if (tr.decision && tr.trigger !== 'procedure') problems.push(`转换 ${where} 依据决定执行，须由流程触发`);
    if (tr.roles.length === 0) problems.push(`转换 ${where} 没有指定可执行的角色`);
    for (const r of tr.roles) if (!(ROLES as readonly string[]).includes(r)) problems.push(`转换 ${where} 的角色 ${r} 不存在`);
    for (const g of tr.guards) if (!(g in GUARDS)) problems.push(`转换 ${where} 的条件 ${g} 不存在`);
  }

  const exits = (s: string) => table.transitions.filter((tr) => tr.from === s);
  for (const s of table.states) {
    if (finals.has(s) && exits(s).length > 0) problems.push(`终态 ${name(s)} 不应有后续转换`);
    if (!finals.has(s) && exits(s).length === 0) problems.push(`非终态 ${name(s)} 没有任何后续转换`);
  }

  const reachable = closure([table.initial], (s) => exits(s).map((tr) => tr.to));
  for (const s of table.states) if (!reachable.has(s)) problems.push(`状态 ${name(s)} 从初始状态不可达`);

  const canFinish = closure([...finals], (s) => table.transitions.filter((tr) => tr.to === s).map((tr) => tr.from));
  for (const s of table.states) if (!canFinish.has(s)) problems.push(`状态 ${name(s)} 无法到达任何终态`);

  if (problems.length > 0) throw new LifecycleTableError(problems);
}

function closure(start: string[], next: (s: string) => string[]): Set<string> {
  const seen = new Set(start);
  const queue = [...start];
  while (queue.length > 0) {
    for (const n of next(queue.pop()!)) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}
