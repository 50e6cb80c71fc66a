import type { Actor } from '../roles.js';
import { all, allow, refuse, requireRole, type Decision, type Policy } from './decision.js';

export type EditionStatus = 'draft' | 'open' | 'closed';
export interface EditionFacts {
  status: EditionStatus;
  hasSchedule: boolean;
}

const office = (actor: Actor | null) => requireRole(actor, 'office');
const inStatus = (edition: EditionFacts, ...statuses: EditionStatus[]): Decision =>
  statuses.includes(edition.status) ? allow : refuse('wrong_stage', '届次当前状态不允许此操作');

/** The office runs editions; everyone else only sees those whose call is published. */
export const editionPolicy: Policy<EditionFacts, 'view' | 'update' | 'setSchedule' | 'publishCall' | 'close'> = {
  view: (actor, edition) =>
    edition.status !== 'draft' ? allow : all(() => office(actor)),
  update: (actor, edition) => all(() => office(actor), () => inStatus(edition, 'draft')),
  setSchedule: (actor, edition) => all(() => office(actor), () => inStatus(edition, 'draft', 'open')),
  publishCall: (actor, edition) =>
    all(
      () => office(actor),
      () => inStatus(edition, 'draft'),
      () => (edition.hasSchedule ? allow : refuse('wrong_stage', '请先设置届次日程（申报截止日期）')),
    ),
  close: (actor, edition) => all(() => office(actor), () => inStatus(edition, 'open')),
};

export const editionCollectionPolicy: Policy<null, 'create' | 'list'> = {
  create: (actor) => office(actor),
  list: () => allow,
};
