import { hashPassword, verifyPassword } from './passwords';

describe('password hashes', () => {
  const saved = process.env.PASSWORD_HASH_COST;
  afterEach(() => {
    if (saved === undefined) delete process.env.PASSWORD_HASH_COST;
    else process.env.PASSWORD_HASH_COST = saved;
  });

  it('carry the cost of PASSWORD_HASH_COST, 16384 when unset', async () => {
    delete process.env.PASSWORD_HASH_COST;
    expect(await hashPassword('correct horse')).toMatch(/^scrypt\$16384\$[^$]+\$[^$]+$/);
    process.env.PASSWORD_HASH_COST = '4';
    expect(await hashPassword('correct horse')).toMatch(/^scrypt\$4\$[^$]+\$[^$]+$/);
  });

  it('verify under any setting, since each hash names its own cost', async () => {
    process.env.PASSWORD_HASH_COST = '2';
    const cheap = await hashPassword('correct horse');
    delete process.env.PASSWORD_HASH_COST;
    const dear = await hashPassword('correct horse');
    for (const stored of [cheap, dear]) {
      expect(await verifyPassword('correct horse', stored)).toBe(true);
      expect(await verifyPassword('correct horsf', stored)).toBe(false);
    }
    process.env.PASSWORD_HASH_COST = '2';
    expect(await verifyPassword('correct horse', dear)).toBe(true);
    expect(await verifyPassword('correct horse', null)).toBe(false);
  });

  it('refuse a bad PASSWORD_HASH_COST instead of hashing with it', async () => {
    process.env.PASSWORD_HASH_COST = '1000';
    await expect(hashPassword('correct horse')).rejects.toThrow(/PASSWORD_HASH_COST/);
  });
});
