import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource } from '../src/database/data-source';
import { resolveSigningSecret, secretFileOf } from '../src/identity/signing-secret';
import { createScratchSchema, dropScratchSchema, describeOnPostgres } from './support/postgres';
import { ADMIN, startTestApp, TestApp } from './support/test-app';

/** The key config/defaults.ts once published, used whenever JWT_SECRET was unset. */
const FORMER_DEVELOPMENT_KEY = 'makon-development-only-secret-do-not-use-in-production';
const TEST_SECRET = 'test-secret-that-is-long-enough';

/** A token as this server's look like, signed with `secret`, for the admin; `omit` drops claims. */
function forge(secret: string, sub: string, omit: Array<'exp' | 'jti'> = []): string {
  const now = Math.floor(Date.parse('2026-12-01T08:00:00+05:00') / 1000);
  const claims: Record<string, unknown> = {
    sub,
    ver: 0,
    iat: now,
    jti: randomUUID(),
    exp: now + 3600,
  };
  for (const claim of omit) delete claims[claim];
  return new JwtService().sign(claims, { secret });
}

async function adminId(t: TestApp): Promise<string> {
  const token = await t.login(ADMIN.email, ADMIN.password);
  return (await t.request('GET', '/api/v1/users/me', { token })).body.id;
}

/** The app's database as a DATABASE_URL, to start another app on the same installation. */
function databaseUrlOf(t: TestApp): string {
  const database = t.config.database;
  return database.type === 'postgres' ? database.url : `sqlite:${database.path}`;
}

describe('the token signing key', () => {
  describe('without JWT_SECRET', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { JWT_SECRET: '' } });
    });

    afterAll(() => t.close());

    it('refuses a token signed with the once-public development key', async () => {
      const forged = forge(FORMER_DEVELOPMENT_KEY, await adminId(t));
      const response = await t.request('GET', '/api/v1/users', { token: forged });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    });

    it('generates a key for the installation, kept beside its database', async () => {
      if (t.config.database.type === 'sqlite') {
        const file = secretFileOf(t.config.database.path);
        expect(statSync(file).mode & 0o777).toBe(0o600);
        expect(readFileSync(file, 'utf8').trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
      } else {
        const rows = await t.query("SELECT value FROM settings WHERE name = 'jwt_secret'");
        expect(rows).toHaveLength(1);
        expect(rows[0].value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      }
    });

    it('keeps sessions across a restart, and no other installation accepts them', async () => {
      const token = await t.login(ADMIN.email, ADMIN.password);
      const restarted = await startTestApp({
        env: { JWT_SECRET: '', DATABASE_URL: databaseUrlOf(t) },
      });
      try {
        expect((await restarted.request('GET', '/api/v1/users/me', { token })).status).toBe(200);
      } finally {
        await restarted.close();
      }
      const elsewhere = await startTestApp({ env: { JWT_SECRET: '' } });
      try {
        expect((await elsewhere.request('GET', '/api/v1/users/me', { token })).status).toBe(401);
      } finally {
        await elsewhere.close();
      }
    });
  });

  describe('with JWT_SECRET', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { JWT_SECRET: TEST_SECRET } });
    });

    afterAll(() => t.close());

    it('accepts its own tokens', async () => {
      const token = forge(TEST_SECRET, await adminId(t));
      expect((await t.request('GET', '/api/v1/users/me', { token })).status).toBe(200);
    });

    it('refuses a token without an expiry, or without a session id', async () => {
      const id = await adminId(t);
      for (const omit of [['exp'], ['jti'], ['exp', 'jti']] as const) {
        const token = forge(TEST_SECRET, id, [...omit]);
        const response = await t.request('GET', '/api/v1/users/me', { token });
        expect({ omit, status: response.status }).toEqual({ omit, status: 401 });
      }
    });

    it('keeps no key file when JWT_SECRET is set', () => {
      if (t.config.database.type === 'sqlite') {
        expect(existsSync(secretFileOf(t.config.database.path))).toBe(false);
      }
    });
  });

  describe('on SQLite, the key file', () => {
    let dir: string;
    let dataSource: DataSource;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'makon-secret-'));
      dataSource = createDataSource({ type: 'sqlite', path: join(dir, 'makon.sqlite') });
      await dataSource.initialize();
    });

    afterAll(async () => {
      await dataSource.destroy();
      rmSync(dir, { recursive: true, force: true });
    });

    it('is made once: starts at the same moment agree on it', async () => {
      const database = { type: 'sqlite' as const, path: join(dir, 'makon.sqlite') };
      const secrets = await Promise.all(
        [0, 1, 2].map(() => resolveSigningSecret(undefined, database, dataSource)),
      );
      const keys = secrets.map((s) => s.derive('check').toString('hex'));
      expect(new Set(keys).size).toBe(1);
      expect(secrets[0].source).toEqual({ kind: 'file', path: secretFileOf(database.path) });
    });

    it('stops the start with a clear message when it holds no secret', async () => {
      const database = { type: 'sqlite' as const, path: join(dir, 'broken.sqlite') };
      writeFileSync(secretFileOf(database.path), 'short\n', { mode: 0o600 });
      await expect(resolveSigningSecret(undefined, database, dataSource)).rejects.toThrow(
        /does not hold a signing secret/,
      );
    });

    it('is not made for an in-memory database', async () => {
      const secret = await resolveSigningSecret(
        undefined,
        { type: 'sqlite', path: ':memory:' },
        dataSource,
      );
      expect(secret.source).toEqual({ kind: 'memory' });
    });
  });

  describeOnPostgres(__filename, 'on PostgreSQL, the settings row', (postgresUrl) => {
    let schema: string;
    let sources: DataSource[];

    beforeAll(async () => {
      const scratch = await createScratchSchema(postgresUrl);
      schema = scratch.schema;
      sources = [0, 1, 2].map(() =>
        createDataSource({ type: 'postgres', url: scratch.url, schema: scratch.schema }),
      );
      for (const source of sources) await source.initialize();
      await sources[0].runMigrations();
    });

    afterAll(async () => {
      for (const source of sources ?? []) if (source.isInitialized) await source.destroy();
      if (schema) await dropScratchSchema(postgresUrl, schema);
    });

    it('is inserted once: instances starting together agree on one key', async () => {
      const database = { type: 'postgres' as const, url: postgresUrl, schema };
      const secrets = await Promise.all(
        sources.map((source) => resolveSigningSecret(undefined, database, source)),
      );
      const keys = secrets.map((s) => s.derive('check').toString('hex'));
      expect(new Set(keys).size).toBe(1);
      const rows = await sources[0].query('SELECT name FROM settings');
      expect(rows).toEqual([{ name: 'jwt_secret' }]);
    });
  });
});
