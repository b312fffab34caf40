import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      database: { type: 'sqlite', path: './data/makon.sqlite' },
      seed: 'demo',
      publicUrl: 'http://127.0.0.1:3000',
      tokenTtlHours: 12,
      runJobs: true,
      trustProxy: false,
    });
    expect(loadConfig({ RUN_JOBS: 'false' }).runJobs).toBe(false);
  });

  it('takes PASSWORD_HASH_COST as a power of two, 16384 unless set, never lower in production', () => {
    expect(loadConfig({}).passwordHashCost).toBe(16384);
    expect(loadConfig({ PASSWORD_HASH_COST: '2' }).passwordHashCost).toBe(2);
    expect(loadConfig({ PASSWORD_HASH_COST: '32768' }).passwordHashCost).toBe(32768);
    for (const wrong of ['1', '3', '1000', '65536', 'cheap', '-2']) {
      expect(() => loadConfig({ PASSWORD_HASH_COST: wrong })).toThrow(
        /Invalid configuration: PASSWORD_HASH_COST must be a power of two from 2 to 32768/,
      );
    }
    const production = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-length' };
    expect(loadConfig(production).passwordHashCost).toBe(16384);
    expect(loadConfig({ ...production, PASSWORD_HASH_COST: '32768' }).passwordHashCost).toBe(32768);
    expect(() => loadConfig({ ...production, PASSWORD_HASH_COST: '2' })).toThrow(
      /PASSWORD_HASH_COST below 16384 is for tests and is refused when NODE_ENV=production/,
    );
  });

  it('takes SQLITE_READ_WORKERS from 1 to 4, 2 unless set', () => {
    expect(loadConfig({}).sqliteReadWorkers).toBe(2);
    expect(loadConfig({ SQLITE_READ_WORKERS: '1' }).sqliteReadWorkers).toBe(1);
    for (const wrong of ['0', '5', 'two']) {
      expect(() => loadConfig({ SQLITE_READ_WORKERS: wrong })).toThrow(/SQLITE_READ_WORKERS/);
    }
  });

  it('takes NOTIFICATION_LEASE_SECONDS in seconds, 600 unless set', () => {
    expect(loadConfig({}).notificationLeaseMs).toBe(600_000);
    expect(loadConfig({ NOTIFICATION_LEASE_SECONDS: '15' }).notificationLeaseMs).toBe(15_000);
    for (const wrong of ['0', '-5', '1.5', 'soon', '86401']) {
      expect(() => loadConfig({ NOTIFICATION_LEASE_SECONDS: wrong })).toThrow(
        /NOTIFICATION_LEASE_SECONDS must be a whole number from 1 to 86400/,
      );
    }
  });

  it('turns self sign-up on in the demo only, unless SELF_SIGNUP says otherwise', () => {
    expect(loadConfig({}).selfSignup).toBe(true);
    expect(loadConfig({ SEED: 'none' }).selfSignup).toBe(false);
    expect(loadConfig({ SEED: 'none', SELF_SIGNUP: 'true' }).selfSignup).toBe(true);
    expect(loadConfig({ SEED: 'demo', SELF_SIGNUP: 'false' }).selfSignup).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ SEED: 'yes' }, 'SEED'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'sqlite:' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://makon@127.0.0.1:5432/makon?schema=Bad-Name' }, 'DATABASE_URL'],
    [{ MAKON_UNSAFE_DISABLE_RESOURCE_LOCKS: 'yes' }, 'MAKON_UNSAFE_DISABLE_RESOURCE_LOCKS'],
    [
      {
        NODE_ENV: 'production',
        JWT_SECRET: 'a-production-secret-of-length',
        MAKON_UNSAFE_DISABLE_RESOURCE_LOCKS: '1',
      },
      'MAKON_UNSAFE_DISABLE_RESOURCE_LOCKS',
    ],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ ADMIN_EMAIL: 'a@b.example' }, 'ADMIN_EMAIL/ADMIN_PASSWORD'],
    [{ ADMIN_EMAIL: 'a@b.example', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    [{ TOKEN_TTL_HOURS: '0' }, 'TOKEN_TTL_HOURS'],
    [{ PUBLIC_URL: 'makon.example' }, 'PUBLIC_URL'],
    [{ RUN_JOBS: 'yes' }, 'RUN_JOBS'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '0' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '127.0.0.1,proxy.example' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: ',' }, 'TRUST_PROXY'],
    [{ SELF_SIGNUP: 'yes' }, 'SELF_SIGNUP'],
  ])('refuses %p, naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(`Invalid configuration: ${variable} `);
  });

  it('takes PUBLIC_URL, the database and production settings from the environment', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-length',
      PUBLIC_URL: 'https://makon.example/',
      DATABASE_URL: 'sqlite:/var/lib/makon/makon.sqlite',
      SEED: 'none',
    });
    expect(config.publicUrl).toBe('https://makon.example');
    expect(config.database).toEqual({ type: 'sqlite', path: '/var/lib/makon/makon.sqlite' });
    expect(config.jwtSecret).toBe('a-production-secret-of-length');
    // Unset outside production: a secret generated for the installation, never a built-in one.
    expect(loadConfig({}).jwtSecret).toBeUndefined();
  });

  it('takes a postgres:// URL with an optional schema', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://makon@127.0.0.1:5432/makon' }).database).toEqual({
      type: 'postgres',
      url: 'postgres://makon@127.0.0.1:5432/makon',
      schema: undefined,
    });
    expect(
      loadConfig({ DATABASE_URL: 'postgresql://db.example/makon?schema=tenant_a' }).database,
    ).toMatchObject({ type: 'postgres', schema: 'tenant_a' });
    expect(loadConfig({}).unsafeDisableResourceLocks).toBe(false);
  });

  it('takes TRUST_PROXY as Fastify does: true or false, a hop count, or addresses and ranges', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(
      loadConfig({ TRUST_PROXY: ' 10.0.0.1, 10.1.0.0/16 ,::1,fd00::/8,loopback' }).trustProxy,
    ).toEqual(['10.0.0.1', '10.1.0.0/16', '::1', 'fd00::/8', 'loopback']);
  });
});
