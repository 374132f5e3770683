import { render } from '@testing-library/react';
import BarChart, { barPercent } from '.';

const SERIES = [
  { key: 'issued', label: '发放', tone: 'green' as const },
  { key: 'redeemed', label: '兑换', tone: 'amber' as const },
];

function bar(container: HTMLElement, testId: string): HTMLElement {
  const element = container.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (!element) throw new Error(`no bar ${testId}`);
  return element;
}

describe('BarChart', () => {
  it('draws each bar in proportion to the tallest, with its value in the label', () => {
    const { container } = render(
      <BarChart
        id="chart-points"
        title="每月积分"
        series={SERIES}
        categories={['10月', '11月']}
        values={[
          [40, 10],
          [80, 0],
        ]}
        formatValue={String}
      />,
    );

    expect(bar(container, 'chart-points-issued-1').style.height).toBe('100%');
    expect(bar(container, 'chart-points-issued-0').style.height).toBe('50%');
    expect(bar(container, 'chart-points-redeemed-0').style.height).toBe('12.5%');
    expect(bar(container, 'chart-points-redeemed-1').style.height).toBe('0%');
    expect(bar(container, 'chart-points-issued-0').getAttribute('aria-label')).toBe('10月 发放 40');
    expect(bar(container, 'chart-points-issued-0').dataset.value).toBe('40');
    expect(container.querySelector('#chart-points-empty')).toBeNull();
  });

  it('shows a legend and a table with every figure', () => {
    const { container } = render(
      <BarChart
        id="chart-fund"
        title="基金收支"
        series={SERIES}
        categories={['11月']}
        values={[[1500, 300]]}
        formatValue={(fen) => `¥${fen / 100}`}
      />,
    );

    expect(container.querySelector('.chart__legend')?.textContent).toBe('发放兑换');
    const rows = container.querySelectorAll('#chart-fund-table .chart-table__row');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toBe('月份发放兑换');
    expect(rows[1]?.textContent).toBe('11月¥15¥3');
  });

  it('draws flat bars and says so when every value is zero', () => {
    const { container } = render(
      <BarChart
        id="chart-hours"
        title="志愿时长"
        series={[{ key: 'hours', label: '时长', tone: 'green' }]}
        categories={['10月', '11月']}
        values={[[0], [0]]}
        formatValue={String}
      />,
    );

    expect(bar(container, 'chart-hours-hours-0').style.height).toBe('0%');
    expect(bar(container, 'chart-hours-hours-1').style.height).toBe('0%');
    expect(container.querySelector('#chart-hours-empty')?.textContent).toBe('这段时间还没有数据');
  });
});

describe('barPercent', () => {
  it('keeps a small non-zero value visible and never divides by zero', () => {
    expect(barPercent(1, 10_000)).toBe(1);
    expect(barPercent(0, 0)).toBe(0);
    expect(barPercent(5, 0)).toBe(0);
    expect(barPercent(1, 3)).toBe(33.3);
  });
});
