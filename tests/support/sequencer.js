// Runs the suites that snapshot the whole table (a full Scan per route) while the table is still
// small, and the ones that fill it with thousands of items last; the rest in between, by name.
const Sequencer = require('@jest/test-sequencer').default;

const FIRST = ['authorization-matrix', 'hostile-input'];
const LAST = ['ledger-market.model', 'shop.model', 'ledger.property', 'fault-injection'];

const rank = (path) => {
  if (FIRST.some((name) => path.includes(name))) return 0;
  if (LAST.some((name) => path.includes(name))) return 2;
  return 1;
};

class TableSizeSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  }
}

module.exports = TableSizeSequencer;
