import type { EntityManager } from '@mikro-orm/postgresql';
import { Class, Membership, User } from '../../entities';
import { isForeignKeyViolation, isUniqueViolation } from '../db/constraint-violation';
import { loadById } from '../db/load-by-id';
import { NotFoundError } from '../errors';
import { parseInput, parsePatch } from '../parse-input';
import { classCreateSchema, classUpdateSchema, toClassRead, type ClassCreateInput, type ClassRead, type ClassUpdateInput } from './class-schemas';
import { generateInviteCode } from './invite-code';

/**
 * Two classes drawing the same code out of 31^8 is rare; five times in a row means the
 * generator is broken, and failing loudly beats looping.
 */
const INVITE_CODE_ATTEMPTS = 5;

/**
 * Creates a class with `ownerId` as its owner and first instructor, in one transaction.
 * `generateCode` is for tests that need a collision.
 */
export async function createClass(
  em: EntityManager,
  ownerId: string,
  input: ClassCreateInput,
  generateCode: () => string = generateInviteCode,
): Promise<ClassRead> {
  const data = parseInput(classCreateSchema, input);
  for (let attempt = 1; ; attempt++) {
    try {
      const created = await em.transactional(async (transaction) => {
        const owner = transaction.getReference(User, ownerId);
        const entity = transaction.create(Class, { ...data, owner, inviteCode: generateCode() });
        transaction.create(Membership, { user: owner, class: entity, role: 'instructor' });
        return entity;
      });
      return toClassRead(created);
    } catch (error) {
      if (isUniqueViolation(error, 'classes_invite_code_unique') && attempt < INVITE_CODE_ATTEMPTS) continue;
      if (isForeignKeyViolation(error, 'classes_owner_id_foreign')) throw new NotFoundError('user');
      throw error;
    }
  }
}

export async function getClassById(em: EntityManager, id: string): Promise<ClassRead> {
  return toClassRead(await loadById(em, Class, id, 'class'));
}

export async function updateClass(em: EntityManager, id: string, input: ClassUpdateInput): Promise<ClassRead> {
  const changes = parsePatch(classUpdateSchema, input);
  const entity = await em.transactional(async (transaction) =>
    transaction.assign(await loadById(transaction, Class, id, 'class'), changes),
  );
  return toClassRead(entity);
}
