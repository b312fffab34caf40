import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { passwordHashCost } from '../common/config';

const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password,
      salt,
      KEY_LENGTH,
      { N: cost, r: 8, p: 1, maxmem: 64 * 1024 * 1024 },
      (e, key) => (e ? reject(e) : resolve(key)),
    ),
  );
}

/**
 * A slow, salted hash: `scrypt$<cost>$<salt>$<key>` (base64). The cost is PASSWORD_HASH_COST
 * (16384 unless the tests lower it; src/common/config.ts).
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const cost = passwordHashCost();
  const key = await derive(password, salt, cost);
  return `scrypt$${cost}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [scheme, cost, salt, key] = (stored ?? '').split('$');
  if (scheme !== 'scrypt' || !cost || !salt || !key) {
    // Spend the same time as a real check, so unknown accounts are not told apart by timing.
    await derive(password, randomBytes(16), passwordHashCost());
    return false;
  }
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(cost));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Letters and digits nobody mistakes for one another when read aloud or copied by hand. */
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A password staff hand over once (a new account, a reset): three groups of four, about 59 bits
 * from a cryptographic source, such as `k7pm-2xqa-hn4d`.
 */
export function temporaryPassword(): string {
  const groups = Array.from({ length: 3 }, () =>
    Array.from({ length: 4 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join(
      '',
    ),
  );
  return groups.join('-');
}
