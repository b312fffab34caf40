import { ColumnOptions } from 'typeorm';

/**
 * Epoch milliseconds as a 64-bit integer. PostgreSQL's driver returns BIGINT as a string, so the
 * value is converted back to a number on read in both databases.
 */
export function instantColumn(name: string, nullable = false): ColumnOptions {
  return {
    name,
    type: 'bigint',
    nullable,
    transformer: {
      to: (value: number | null | undefined) => value,
      from: (value: string | number | null) => (value === null ? null : Number(value)),
    },
  };
}

export const uuidColumn = (name: string, nullable = false): ColumnOptions => ({
  name,
  type: 'varchar',
  length: 36,
  nullable,
});
