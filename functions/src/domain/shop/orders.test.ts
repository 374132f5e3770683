import { splitLine } from './orders';

describe('the maker / fund split', () => {
  it.each([
    [15000, 2000, 3000, 12000],
    [999, 1500, 149, 850],
    [1, 2000, 0, 1],
    [10000, 10000, 10000, 0],
    [10000, 0, 0, 10000],
  ])('%i fen at %i bps → fund %i, maker %i', (grossFen, bps, fundFen, makerFen) => {
    expect(splitLine(grossFen, bps)).toEqual({ fundFen, makerFen });
  });
});
