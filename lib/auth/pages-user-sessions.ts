import { onPagesPool } from '@/lib/db/pages-pool';
import { UserSessions } from './user-sessions';

/** The pages' server-side sessions, on the pages' connection pool. */
export const getUserSessions = onPagesPool((pool) => new UserSessions(pool));
