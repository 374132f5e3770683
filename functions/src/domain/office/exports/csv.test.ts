import { csvCell, decimalCell, toCsv } from './csv';

describe('the CSV writer', () => {
  it('quotes cells with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('')).toBe('');
  });

  it('writes numbers as they are, negative ones included', () => {
    expect(csvCell(42)).toBe('42');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0)).toBe('0');
  });

  it.each([
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', '"\'\rcmd"'],
  ])('puts a quote before text that a spreadsheet would run as a formula: %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('leaves formula characters alone when they are not at the start', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('张三 - 李四')).toBe('张三 - 李四');
  });

  it('starts the file with a UTF-8 BOM, puts the header first and ends every line with CRLF', () => {
    const text = toCsv(
      ['姓名', '积分'],
      [
        ['张三', 5],
        ['李, 四', undefined],
      ],
    );

    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.slice(1)).toBe('姓名,积分\r\n张三,5\r\n"李, 四",\r\n');
  });
});

describe('decimal cells', () => {
  it('writes money as the number it is, a negative one too, never guarded or quoted', () => {
    expect(csvCell(decimalCell('-60.00'))).toBe('-60.00');
    expect(csvCell(decimalCell('0.50'))).toBe('0.50');
    expect(toCsv(['金额'], [[decimalCell('-5.00')], ['-5.00']])).toBe("\uFEFF金额\r\n-5.00\r\n'-5.00\r\n");
  });

  it('refuses text posing as a decimal', () => {
    for (const text of ['=1+1', '-1+2', '1,5', '', ' 5', '5e3']) expect(() => decimalCell(text)).toThrow();
  });
});
