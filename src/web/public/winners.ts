import type { PublicWinner } from '../../contract/public';

export interface WinnerView {
  text: string;
  /** Shown beside a revoked award (struck through); null for a standing one. */
  badge: '已撤销' | null;
}

/** One line of the public winners list: a revoked award is never shown as a plain winner. */
export function winnerView(w: PublicWinner): WinnerView {
  const extra = [w.editionName, w.category].filter(Boolean).join(' · ');
  return { text: extra ? `${w.name}（${extra}）` : w.name, badge: w.revoked ? '已撤销' : null };
}
