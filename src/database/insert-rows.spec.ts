import { fewestStatements, HeldInsert, MAX_STATEMENT_PARAMETERS } from './insert-rows';

function insert(table: string, values: number): HeldInsert {
  return {
    text: `INSERT INTO ${table} VALUES (?)`,
    values: Array.from({ length: values }, () => 0),
  };
}

describe('fewestStatements (held inserts on PostgreSQL)', () => {
  it('sends a small write as one statement', () => {
    const statements = fewestStatements([insert('a', 3), insert('b', 4)]);
    expect(statements).toHaveLength(1);
    expect(statements[0].values).toHaveLength(7);
    expect(statements[0].text).toBe(
      'WITH w1 AS (INSERT INTO a VALUES (?)) INSERT INTO b VALUES (?)',
    );
  });

  it('never puts more parameters in one statement than PostgreSQL takes, and keeps the order', () => {
    const big = Math.floor(MAX_STATEMENT_PARAMETERS / 2) + 1;
    const statements = fewestStatements([insert('a', big), insert('b', big), insert('c', 10)]);
    expect(statements.map((s) => s.values.length)).toEqual([big, big + 10]);
    expect(statements[0].text).toBe('INSERT INTO a VALUES (?)');
    expect(statements[1].text).toContain('INSERT INTO b');
    expect(statements[1].text.endsWith('INSERT INTO c VALUES (?)')).toBe(true);
    for (const s of statements)
      expect(s.values.length).toBeLessThanOrEqual(MAX_STATEMENT_PARAMETERS);
  });
});
