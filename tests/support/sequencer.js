// Runs the suites that snapshot the whole table (a full Scan per route) while the table is still
// small, and the ones that fill it with thousands of items last; the rest in between, by name.
// Of the first two, hostile input goes first: it scans the table after every one of its 182 routes
// and adds next to nothing, while the authorization matrix scans around its ~100 writing routes only
// and leaves ~5,000 items of fixtures behind — after the matrix, hostile input's 183 scans took
// 122 s of its 139 s (~0.67 s a scan of 5,150 items); before it, the whole suite takes ~25 s.
const Sequencer = require('@jest/test-sequencer').default;

const FIRST = ['hostile-input', 'authorization-matrix'];
const LAST = ['ledger-market.model', 'shop.model', 'ledger.property', 'fault-injection'];

const rank = (path) => {
  const first = FIRST.findIndex((name) => path.includes(name));
  if (first >= 0) return first;
  if (LAST.some((name) => path.includes(name))) return FIRST.length + 1;
  return FIRST.length;
};

class TableSizeSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  }
}

module.exports = TableSizeSequencer;
