import { render } from '@testing-library/react';
import qrcode from 'qrcode-generator';
import QrView, { qrMatrix, rowRuns } from '.';

describe('QrView', () => {
  it('encodes a string as a square module matrix with the three finder patterns', () => {
    const matrix = qrMatrix('linli-checkin:activity-1:58123456:c2lnbmF0dXJl');
    const count = matrix.length;

    expect(count).toBeGreaterThanOrEqual(21);
    expect((count - 17) % 4).toBe(0); // versions are 21, 25, 29… modules wide
    matrix.forEach((row) => expect(row).toHaveLength(count));
    const finderTopRow = [true, true, true, true, true, true, true, false];
    expect(matrix[0]!.slice(0, 8)).toEqual(finderTopRow);
    expect(matrix[0]!.slice(count - 7)).toEqual(finderTopRow.slice(0, 7));
    expect(matrix[count - 1]!.slice(0, 7)).toEqual(finderTopRow.slice(0, 7));
  });

  it('gives different strings different codes', () => {
    expect(qrMatrix('pass-token-a')).not.toEqual(qrMatrix('pass-token-b'));
  });

  it('encodes text beyond ASCII as UTF-8, not as the low byte of each character', () => {
    // 邻 is U+90BB and » is U+00BB: the same low byte.
    const utf8 = qrcode(0, 'M');
    utf8.addData('\u00e9\u0082\u00bb', 'Byte'); // the bytes E9 82 BB, as the default one byte per character
    utf8.make();

    expect(qrMatrix('邻')).not.toEqual(qrMatrix('»'));
    expect(qrMatrix('邻')).toEqual(
      Array.from({ length: utf8.getModuleCount() }, (_row, row) =>
        Array.from({ length: utf8.getModuleCount() }, (_column, column) => utf8.isDark(row, column)),
      ),
    );
  });

  it('draws one row per module row, with runs that fill each row exactly', () => {
    const value = 'certificate-pass-token';
    const matrix = qrMatrix(value);

    const { container } = render(<QrView id="qr" value={value} />);

    const rows = container.querySelectorAll('#qr .qr__row');
    expect(rows).toHaveLength(matrix.length);
    rows.forEach((row, index) => {
      const runs = rowRuns(matrix[index]!);
      const drawn = Array.from(row.children) as HTMLElement[];
      expect(drawn.map((run) => run.classList.contains('qr__run--dark'))).toEqual(runs.map((run) => run.dark));
      expect(drawn.map((run) => run.style.width)).toEqual(runs.map((run) => `${(run.length * 100) / matrix.length}%`));
      expect(runs.reduce((modules, run) => modules + run.length, 0)).toBe(matrix.length);
    });
  });

  it('merges equal neighbouring modules into runs', () => {
    expect(rowRuns([true, true, false, true, false, false])).toEqual([
      { dark: true, length: 2 },
      { dark: false, length: 1 },
      { dark: true, length: 1 },
      { dark: false, length: 2 },
    ]);
  });
});
