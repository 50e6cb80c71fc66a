import { describe, expect, it } from 'vitest';
import type { PublicWinner } from '../../src/contract/public.js';
import { winnerView } from '../../src/web/public/winners.js';

const winner: PublicWinner = { id: '00000000-0000-4000-8000-000000000001', name: '临沂某公司', category: '市长质量奖', editionName: '第一届', revoked: false };

describe('public winners list', () => {
  it('shows a standing award as a winner', () => {
    expect(winnerView(winner)).toEqual({ text: '临沂某公司（第一届 · 市长质量奖）', badge: null });
  });
  it('marks a revoked award as revoked, never as a plain winner [Art.28]', () => {
    expect(winnerView({ ...winner, revoked: true })).toEqual({ text: '临沂某公司（第一届 · 市长质量奖）', badge: '已撤销' });
  });
});
