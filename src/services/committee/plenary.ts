import type { SessionView } from '../../contract/committee.js';
import type { BallotChoice } from '../../domain/committee/ballot.js';
import type { ServiceContext } from '../context.js';
import { memberSheet } from './member.js';
import { castBallot, closeSession, openSession } from './session.js';

export interface PlenaryScript {
  heldOn: string;
  documentNumber: string;
  /** The members' contexts (each acting as the member); those given attend and vote. */
  members: ServiceContext[];
  /** Each member's choice per candidate on their sheet (recused candidates are never asked). */
  choose(memberId: string, applicationId: string): BallotChoice;
}

/**
 * A whole plenary through the services, for the demo and for scripts: the office opens the
 * session with the given members present, each casts a sheet as `choose` says, the office
 * closes it (the committee resolution moves the candidates). The committee must be
 * constituted; every refusal (quorum, quota) surfaces as the services' own error.
 */
export async function runPlenary(office: ServiceContext, editionId: string, script: PlenaryScript): Promise<SessionView> {
  const session = await openSession(office, editionId, { heldOn: script.heldOn, presentUserIds: script.members.map((m) => m.actor!.userId) });
  for (const member of script.members) {
    const sheet = await memberSheet(member, editionId);
    const ids = sheet.session?.applicationIds ?? [];
    if (!ids.length) continue; // recused from every candidate: nothing to cast
    await castBallot(member, editionId, { sessionId: session.id, choices: ids.map((applicationId) => ({ applicationId, choice: script.choose(member.actor!.userId, applicationId) })) });
  }
  return closeSession(office, editionId, session.id, { documentNumber: script.documentNumber });
}
