import type { Adapter, AdapterAccount, AdapterUser, VerificationToken as AdapterVerificationToken } from 'next-auth/adapters';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, User, VerificationToken } from '@/entities';
import { normalizeEmail } from './normalize-email';

function toAdapterUser(user: User): AdapterUser {
  return { id: user.id, email: user.email, name: user.name || null, image: user.image ?? null, emailVerified: user.emailVerified ?? null };
}

/**
 * Auth.js storage on our MikroORM entities: users, linked provider accounts and magic-link
 * tokens. Sessions are JWTs, so the session methods are not needed. Each call works in a
 * fresh EntityManager from `entityManager()`.
 */
export function createMikroOrmAdapter(entityManager: () => Promise<EntityManager>): Adapter {
  return {
    async createUser(data) {
      const em = await entityManager();
      const user = em.create(User, {
        email: normalizeEmail(data.email),
        name: data.name?.trim().slice(0, 200) ?? '',
        image: data.image ?? null,
        emailVerified: data.emailVerified ?? null,
      });
      await em.flush();
      return toAdapterUser(user);
    },

    async getUser(id) {
      const em = await entityManager();
      const user = await em.findOne(User, { id });
      return user ? toAdapterUser(user) : null;
    },

    async getUserByEmail(email) {
      const em = await entityManager();
      const user = await em.findOne(User, { email: normalizeEmail(email) });
      return user ? toAdapterUser(user) : null;
    },

    async getUserByAccount({ provider, providerAccountId }) {
      const em = await entityManager();
      const account = await em.findOne(Account, { provider, providerAccountId }, { populate: ['user'] });
      return account ? toAdapterUser(account.user) : null;
    },

    async updateUser(data) {
      const em = await entityManager();
      const user = await em.findOneOrFail(User, { id: data.id });
      if (data.email !== undefined) user.email = normalizeEmail(data.email);
      if (data.name !== undefined) user.name = data.name?.trim().slice(0, 200) ?? '';
      if (data.image !== undefined) user.image = data.image ?? null;
      if (data.emailVerified !== undefined) user.emailVerified = data.emailVerified ?? null;
      await em.flush();
      return toAdapterUser(user);
    },

    async linkAccount(account: AdapterAccount) {
      const em = await entityManager();
      em.create(Account, {
        user: em.getReference(User, account.userId),
        type: account.type,
        provider: account.provider,
        providerAccountId: account.providerAccountId,
      });
      await em.flush();
    },

    async unlinkAccount({ provider, providerAccountId }) {
      const em = await entityManager();
      await em.nativeDelete(Account, { provider, providerAccountId });
    },

    async createVerificationToken(token: AdapterVerificationToken) {
      const em = await entityManager();
      em.create(VerificationToken, { identifier: normalizeEmail(token.identifier), token: token.token, expires: token.expires });
      await em.flush();
      return token;
    },

    /** Deletes and returns the token in one statement, so a link can be used once even under a race. */
    async useVerificationToken({ identifier, token }) {
      const em = await entityManager();
      const rows = await em
        .getConnection()
        .execute<Array<{ identifier: string; token: string; expires: Date }>>(
          'delete from verification_tokens where identifier = ? and token = ? returning identifier, token, expires',
          [normalizeEmail(identifier), token],
        );
      const row = rows[0];
      return row ? { identifier: row.identifier, token: row.token, expires: new Date(row.expires) } : null;
    },
  };
}
