import { csvCell, toCsv } from './csv';

describe('csvCell', () => {
  it('quotes every text cell, doubling its quotes', () => {
    expect(csvCell('Hall')).toBe('"Hall"');
    expect(csvCell('')).toBe('""');
    expect(csvCell('Desk "A", window')).toBe('"Desk ""A"", window"');
    expect(csvCell('two\r\nlines\nand\rmore')).toBe('"two\r\nlines\nand\rmore"');
  });

  it('keeps a text with a semicolon in one cell, as Excel with a ; separator reads it', () => {
    // Unquoted, `a;=1+1;b` is three cells in ru/uz Excel, and the second is a formula.
    expect(csvCell('a;=1+1;b')).toBe('"a;=1+1;b"');
  });

  it.each([
    ['=1+1', `"'=1+1"`],
    ['+1', `"'+1"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(1)', `"'@SUM(1)"`],
    [' =1+1', `"' =1+1"`],
    ['   @SUM(A1)', `"'   @SUM(A1)"`],
    ['\u00a0-1', `"'\u00a0-1"`],
    ['\t=1', `"'\t=1"`],
    ['\tplain', `"'\tplain"`],
    ['\rplain', `"'\rplain"`],
    ['\n=1', `"'\n=1"`],
    ['＝1+1', `"'＝1+1"`],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
  ])('neutralizes %j, whose first non-space character starts a formula', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it.each(['a=1', 'Room 1 - upstairs', 'user@example.org', 'a;b', ' Hall'])(
    'leaves %j as it is (no formula at its start), quoted',
    (text) => {
      expect(csvCell(text)).toBe(`"${text}"`);
    },
  );

  it('writes figures as plain numbers and an absent one as an empty cell', () => {
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
  });
});

describe('toCsv', () => {
  it('writes a byte order mark, a quoted header and CRLF lines', () => {
    expect(
      toCsv(
        ['key', 'hours'],
        [
          ['=x', 1.5],
          ['b', null],
        ],
      ),
    ).toBe(`\uFEFF"key","hours"\r\n"'=x",1.5\r\n"b",\r\n`);
  });

  it('splits on `;` for Russian and Uzbek spreadsheets, figures as the reader writes them', () => {
    expect(
      toCsv(
        ['Ресурс', 'Часы'],
        [
          ['Oʻquv; "zal"\nikkinchi', { figure: '12,5' }],
          ['Стол', { figure: '31,3%' }],
          ['x', { figure: 'a;b' }],
        ],
        ';',
      ),
    ).toBe(
      '\uFEFF"Ресурс";"Часы"\r\n"Oʻquv; ""zal""\nikkinchi";12,5\r\n"Стол";31,3%\r\n"x";"a;b"\r\n',
    );
  });

  it('quotes a figure holding the separator of a comma-separated file', () => {
    expect(toCsv(['h'], [[{ figure: '1,5' }], [{ figure: '1.5' }]])).toBe(
      '\uFEFF"h"\r\n"1,5"\r\n1.5\r\n',
    );
  });
});
