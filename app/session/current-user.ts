import { cache } from 'react';
import { getCurrentUser } from '@/lib/auth/current-user';

/** The signed-in user or null, looked up once per page render however many components ask. */
export const currentUser = cache(getCurrentUser);
