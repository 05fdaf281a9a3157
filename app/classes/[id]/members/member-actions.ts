'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import type { MembershipRole } from '@/entities';
import { changeMemberRole, removeMember } from '@/lib/memberships/member-administration';
import type { FormState } from '@/app/forms/form-state';
import { runAsSignedInUser } from '@/app/forms/run-as-signed-in-user';

/* Changes to who is in a class. The services check who may do what. */

export async function changeMemberRoleAction(classId: string, memberUserId: string, role: MembershipRole): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => changeMemberRole(em, user.id, classId, memberUserId, { role }));
  if (!outcome.ok) return outcome.error;
  refresh();
  return { status: 'success', message: 'Role changed.' };
}

export async function removeMemberAction(classId: string, memberUserId: string): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => removeMember(em, user.id, classId, memberUserId));
  if (!outcome.ok) return outcome.error;
  refresh();
  return { status: 'success', message: 'Removed from the class.' };
}

/** The signed-in member leaves; they land on their list of classes. */
export async function leaveClassAction(classId: string): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => removeMember(em, user.id, classId, user.id));
  if (!outcome.ok) return outcome.error;
  redirect('/');
}
