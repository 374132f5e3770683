import { View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';
import './index.scss';

/**
 * `value` as UTF-8 bytes, one character per byte: the library's default keeps only the low byte of
 * each UTF-16 unit (邻 U+90BB would be scanned as » U+00BB), so anything beyond ASCII is encoded first.
 * `encodeURIComponent` is the UTF-8 encoder every runtime has (weapp, H5, Node); the library's own
 * `stringToBytesFuncs['UTF-8']` exists only in its CommonJS build, not in the ES module the app bundles.
 */
function utf8Bytes(value: string): string {
  return encodeURIComponent(value).replace(/%([0-9A-F]{2})/g, (_escape, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** The dark/light modules of the QR code for `value` (UTF-8, error correction M, smallest version that fits). */
export function qrMatrix(value: string): boolean[][] {
  const code = qrcode(0, 'M');
  code.addData(utf8Bytes(value), 'Byte');
  code.make();
  const count = code.getModuleCount();
  return Array.from({ length: count }, (_row, row) =>
    Array.from({ length: count }, (_column, column) => code.isDark(row, column)),
  );
}

/** One row as runs of equal modules, so a row needs a few Views instead of one per module. */
export function rowRuns(row: readonly boolean[]): { dark: boolean; length: number }[] {
  const runs: { dark: boolean; length: number }[] = [];
  for (const dark of row) {
    const last = runs[runs.length - 1];
    if (last && last.dark === dark) last.length += 1;
    else runs.push({ dark, length: 1 });
  }
  return runs;
}

/**
 * A QR code drawn with plain Views (works the same on weapp and H5, no canvas), square,
 * as wide as its container (at most 640 design px), with the quiet zone scanners need.
 */
export default function QrView({ value, id }: { value: string; id?: string }) {
  const matrix = useMemo(() => qrMatrix(value), [value]);
  const count = matrix.length;
  return (
    <View className="qr" id={id}>
      <View className="qr__square">
        <View className="qr__grid">
          {matrix.map((row, rowIndex) => (
            <View className="qr__row" key={rowIndex}>
              {rowRuns(row).map((run, runIndex) => (
                <View
                  key={runIndex}
                  className={run.dark ? 'qr__run qr__run--dark' : 'qr__run'}
                  style={{ width: `${(run.length * 100) / count}%` }}
                />
              ))}
            </View>
          ))}
        </View>
      </View>
    </View>
  );
}
