import { DataSource, In } from 'typeorm';
import { UserEntity } from '../identity';
import { createDataSource } from './data-source';
import { findRow, findRows } from './find-rows';
import { insertRows } from './insert-rows';

/** insertRows and findRows against what TypeORM's own save and findBy write and read. */
describe('insertRows and findRows on SQLite', () => {
  let dataSource: DataSource;

  const user = (id: string, overrides: Partial<UserEntity> = {}): UserEntity =>
    Object.assign(new UserEntity(), {
      id,
      email: `${id}@makon.test`,
      phone: null,
      name: `User ${id}`,
      passwordHash: null,
      role: 'member',
      locale: 'ru',
      organizationId: null,
      active: true,
      tokenVersion: 3,
      createdAt: Date.parse('2026-12-01T08:00:00Z'),
      ...overrides,
    });

  beforeEach(async () => {
    dataSource = createDataSource({ type: 'sqlite', path: ':memory:' });
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterEach(() => dataSource.destroy());

  it('write the rows that save writes and read them back as findBy does', async () => {
    const users = dataSource.getRepository(UserEntity);
    await users.save([user('a'), user('b', { active: false, email: null })]);
    await insertRows(dataSource.manager, UserEntity, [
      user('c'),
      user('d', { active: false, email: null }),
    ]);
    // Every column but the ones that name the user.
    const stored = await dataSource.query(
      `SELECT phone, password_hash, role, locale, organization_id, active, token_version,
              created_at, email IS NULL AS no_email FROM users ORDER BY id`,
    );
    expect(stored.slice(2)).toEqual(stored.slice(0, 2));

    const m = dataSource.manager;
    for (const id of ['a', 'b', 'c', 'd']) {
      expect(await findRow(m, UserEntity, { id })).toEqual(await users.findOneBy({ id }));
    }
    const byId = (list: UserEntity[]) => list.sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(await findRows(m, UserEntity, { id: ['d', 'a', 'x'] }))).toEqual(
      byId(await users.findBy({ id: In(['a', 'd']) })),
    );
    expect(byId(await findRows(m, UserEntity, { active: false }))).toEqual(
      byId(await users.findBy({ active: false })),
    );
    expect(await findRows(m, UserEntity, { id: [] })).toEqual([]);
    expect((await findRows(m, UserEntity, { email: null })).map((u) => u.id).sort()).toEqual([
      'b',
      'd',
    ]);
    expect(await findRow(m, UserEntity, { id: undefined })).toBeNull();
  });
});
