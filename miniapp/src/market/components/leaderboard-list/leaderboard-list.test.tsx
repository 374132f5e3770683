import { render } from '@testing-library/react';
import { languagePreference } from '../../../state/preferences';
import LeaderboardList from '.';

describe('LeaderboardList', () => {
  beforeEach(() => languagePreference.clear());

  it('lists contributors by rank, ties sharing a rank, and marks me', () => {
    const { container } = render(
      <LeaderboardList
        currencyName="信用币"
        myMemberId="m3"
        leaderboard={{
          month: '2025-11',
          kind: 'all',
          items: [
            { memberId: 'm1', memberName: '张记包子铺', points: 12, rank: 1 },
            { memberId: 'm2', memberName: '王阿姨', points: 8, rank: 2 },
            { memberId: 'm3', memberName: '李师傅', points: 8, rank: 2 },
            { memberId: 'm4', memberName: '赵大爷', points: 3, rank: 4 },
          ],
        }}
      />,
    );

    const rows = [...container.querySelectorAll('.leaderboard-row')];
    expect(rows.map((row) => row.querySelector('.rank')?.textContent)).toEqual(['1', '2', '2', '4']);
    expect(rows.map((row) => row.querySelector('.leaderboard-row__name')?.textContent)).toEqual([
      '张记包子铺',
      '王阿姨',
      '李师傅',
      '赵大爷',
    ]);
    expect(rows[0]?.querySelector('.leaderboard-row__points')?.textContent).toBe('12 信用币');
    expect(rows[0]?.querySelector('.rank')?.className).toBe('rank rank--1');
    expect(rows[3]?.querySelector('.rank')?.className).toBe('rank');
    expect(container.querySelector('#leaderboard-m3')?.className).toContain('leaderboard-row--me');
  });

  it('says so when nobody contributed that month', () => {
    const { container } = render(
      <LeaderboardList currencyName="信用币" leaderboard={{ month: '2025-11', kind: 'labour', items: [] }} />,
    );

    expect(container.querySelector('#leaderboard-empty')?.textContent).toContain('这个月还没有贡献记录');
  });
});
