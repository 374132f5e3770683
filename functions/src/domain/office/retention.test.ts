import { applyRetention, bucketDays, type DueItem, type RetentionStore } from './retention';

/** An in-memory bucket store: items by partition, each with its removal time in epoch seconds. */
function fakeStore(items: (DueItem & { at: number })[]): RetentionStore & { left: () => string[] } {
  const held = [...items];
  return {
    partitionsOf: (day) => [`RETAIN#${day}#0`],
    dueItems: async (partition, nowSeconds, limit) => ({
      items: held.filter((item) => item.bucket === partition && item.at <= nowSeconds).slice(0, limit),
    }),
    remove: async (due) => {
      for (const item of due) held.splice(held.indexOf(item as DueItem & { at: number }), 1);
      return [...due];
    },
    left: () => held.map((item) => item.SK),
  };
}

const due = (sk: string, day: string, at: string, type = 'LoginCode') => ({
  PK: 'X',
  SK: sk,
  bucket: `RETAIN#${day}#0`,
  removeAt: '',
  type,
  at: Date.parse(at) / 1000,
});

describe('retention', () => {
  it('reads the UTC days from the lookback to today', () => {
    expect(bucketDays(new Date('2031-03-02T23:00:00Z'), 2)).toEqual(['2031-02-28', '2031-03-01', '2031-03-02']);
  });

  it('removes what is due at the injected clock, within the lookback, counting by type', async () => {
    const store = fakeStore([
      due('old', '2031-01-01', '2031-01-01T00:00:00Z'), // outside a 40-day lookback from 2031-03-10
      due('due', '2031-03-09', '2031-03-09T10:00:00Z'),
      due('today', '2031-03-10', '2031-03-10T03:59:59Z', 'Notification'),
      due('later', '2031-03-10', '2031-03-10T04:00:01Z'),
    ]);

    const report = await applyRetention(store, { now: new Date('2031-03-10T04:00:00Z') });

    expect(report).toMatchObject({ removed: { LoginCode: 1, Notification: 1 }, skipped: 0, bounded: false });
    expect(report.bucketsRead).toBe(41);
    expect(store.left()).toEqual(['old', 'later']);
  });
});
