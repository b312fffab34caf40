import { Module } from '@nestjs/common';
import { createHmac, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { settingOrInsert } from './identity.repository';
import { APP_CONFIG, AppConfig, DatabaseConfig } from '../common/config';

/** Where the secret came from: JWT_SECRET, or generated once for this installation. */
export type SecretSource =
  | { kind: 'environment' }
  | { kind: 'file'; path: string }
  | { kind: 'database' }
  | { kind: 'memory' };

/**
 * The key that signs session tokens (and, derived from it, CSRF tokens). From JWT_SECRET when it
 * is set; otherwise generated at the first start and kept beside the database, so that no
 * installation shares a key with another (a public default key would let anyone sign a token).
 */
export class SigningSecret {
  /** A KeyObject made once: given a string, jsonwebtoken tries to parse it as a public key first. */
  readonly key: KeyObject;

  constructor(
    private readonly value: string,
    readonly source: SecretSource,
  ) {
    this.key = createSecretKey(Buffer.from(value, 'utf8'));
  }

  /** A key for one purpose (such as `csrf`), so no two uses share the signing key itself. */
  derive(purpose: string): Buffer {
    return createHmac('sha256', this.value).update(`makon:${purpose}`).digest();
  }
}

/** The settings row (PostgreSQL) and the file suffix (SQLite) that keep a generated secret. */
const SETTING = 'jwt_secret';
export const SECRET_FILE_SUFFIX = '.jwt-secret';
/** A generated secret: 32 random bytes, as text. */
const GENERATED_LENGTH = 43;

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The file beside a SQLite database that keeps its installation's secret. */
export function secretFileOf(databasePath: string): string {
  return `${databasePath}${SECRET_FILE_SUFFIX}`;
}

function readSecretFile(path: string): string {
  const value = readFileSync(path, 'utf8').trim();
  if (value.length < GENERATED_LENGTH) {
    throw new Error(
      `${path} does not hold a signing secret. Delete it (a new one is made; everyone signs in ` +
        'again) or set JWT_SECRET.',
    );
  }
  return value;
}

/**
 * Reads the secret file, or creates it (mode 0600) when there is none. Written to a temporary
 * file and linked into place, so a reader never sees a half-written file and, should two
 * processes start at once, both end up with the one that was linked first.
 */
function fileSecret(path: string): string {
  try {
    return readSecretFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, `${newSecret()}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readSecretFile(path);
}

export async function resolveSigningSecret(
  jwtSecret: string | undefined,
  database: DatabaseConfig,
  dataSource: DataSource,
): Promise<SigningSecret> {
  if (jwtSecret !== undefined) return new SigningSecret(jwtSecret, { kind: 'environment' });
  if (database.type === 'postgres') {
    return new SigningSecret(await settingOrInsert(dataSource, SETTING, newSecret()), {
      kind: 'database',
    });
  }
  // An in-memory database ends with the process, and its sessions with it.
  if (database.path === ':memory:') return new SigningSecret(newSecret(), { kind: 'memory' });
  const path = secretFileOf(database.path);
  return new SigningSecret(fileSecret(path), { kind: 'file', path });
}

/** Resolved at start-up, once the database is open and migrated. */
@Module({
  providers: [
    {
      provide: SigningSecret,
      inject: [APP_CONFIG, DataSource],
      useFactory: (config: AppConfig, dataSource: DataSource) =>
        resolveSigningSecret(config.jwtSecret, config.database, dataSource),
    },
  ],
  exports: [SigningSecret],
})
export class SigningSecretModule {}
