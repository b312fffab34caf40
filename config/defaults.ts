/**
 * Defaults for every setting; environment variables of the same name override them
 * (see src/common/config.ts, which validates the result at start-up).
 */
export const CONFIG_DEFAULTS = {
  NODE_ENV: 'development',
  PORT: '3000',
  HOST: '127.0.0.1',
  DATABASE_URL: 'sqlite:./data/makon.sqlite',
  SEED: 'demo',
  TOKEN_TTL_HOURS: '12',
  BODY_LIMIT_BYTES: '1048576',
  LOG_LEVEL: 'warn',
  RUN_JOBS: 'true',
  NOTIFICATION_LEASE_SECONDS: '600',
  SQLITE_READ_WORKERS: '2',
  TRUST_PROXY: 'false',
} as const;
