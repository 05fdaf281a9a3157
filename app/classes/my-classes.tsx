import type { MembershipRole } from '@/entities';
import { listMyClasses } from '@/lib/classes/my-classes';
import { getOrm } from '@/lib/db/orm';
import { ClassList } from './class-list';

/** The signed-in user's classes: the ones they teach, the ones they take, and archived ones. */
export async function MyClasses({ userId }: { userId: string }) {
  const classes = await listMyClasses((await getOrm()).em.fork(), userId);
  const active = (role: MembershipRole) => classes.filter((item) => !item.archived && item.role === role);
  const archived = classes.filter((item) => item.archived);
  // "yet" only for someone with no classes in that role at all.
  const none = (role: MembershipRole) => (archived.some((item) => item.role === role) ? 'any active classes' : 'any classes yet');
  return (
    <>
      <section aria-labelledby="teaching-title">
        <h2 id="teaching-title">Teaching</h2>
        <ClassList classes={active('instructor')} empty={`You are not teaching ${none('instructor')}. Create one below.`} />
      </section>
      <section aria-labelledby="learning-title">
        <h2 id="learning-title">Learning</h2>
        <ClassList
          classes={active('student')}
          empty={`You have not joined ${none('student')}. Ask your instructor for an invite code and enter it below.`}
        />
      </section>
      {archived.length > 0 && (
        <section aria-labelledby="archived-title">
          <h2 id="archived-title">Archived</h2>
          <p className="muted">Archived classes are read-only.</p>
          <ClassList classes={archived} empty="" showRole />
        </section>
      )}
    </>
  );
}
