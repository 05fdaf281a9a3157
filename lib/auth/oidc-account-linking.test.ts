import { describe, expect } from 'vitest';
import { Account, User } from '@/entities';
import { test } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { decideOidcSignIn } from './oidc-account-linking';

describe('school sign-in links an existing account only for a verified email', () => {
  test('an existing account by email: linked with email_verified true, refused otherwise', async ({ db }) => {
    await createUser(db.fork(), { email: 'ada@school.example', name: 'Ada' });
    const profile = { provider: 'oidc', providerAccountId: 'idp-subject-1', email: 'Ada@School.example' };
    expect(await decideOidcSignIn(db.fork(), { ...profile, emailVerified: true })).toBe('allowed');
    expect(await decideOidcSignIn(db.fork(), { ...profile, emailVerified: 'true' })).toBe('allowed');
    expect(await decideOidcSignIn(db.fork(), { ...profile, emailVerified: false })).toBe('unverified-email');
    expect(await decideOidcSignIn(db.fork(), { ...profile, emailVerified: 'false' })).toBe('unverified-email');
    expect(await decideOidcSignIn(db.fork(), { ...profile })).toBe('unverified-email');
  });

  test('an identity already linked signs in whatever the claim says; a new address makes a new account', async ({ db }) => {
    const em = db.fork();
    const ada = await createUser(em, { email: 'ada@school.example', name: 'Ada' });
    em.create(Account, { user: em.getReference(User, ada.id), type: 'oidc', provider: 'oidc', providerAccountId: 'idp-subject-1' });
    await em.flush();
    expect(await decideOidcSignIn(db.fork(), { provider: 'oidc', providerAccountId: 'idp-subject-1', email: 'ada@school.example', emailVerified: false })).toBe('allowed');
    // The same address from another identity of the provider is still a link by email.
    expect(await decideOidcSignIn(db.fork(), { provider: 'oidc', providerAccountId: 'idp-subject-2', email: 'ada@school.example', emailVerified: false })).toBe('unverified-email');
    expect(await decideOidcSignIn(db.fork(), { provider: 'oidc', providerAccountId: 'idp-subject-3', email: 'new@school.example', emailVerified: false })).toBe('allowed');
  });
});
