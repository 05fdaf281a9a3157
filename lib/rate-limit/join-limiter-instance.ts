import { onPagesPool } from '@/lib/db/pages-pool';
import { JoinAttemptLimiter } from './join-attempt-limiter';

/** The pages' join limiter, on the pages' connection pool. */
export const getJoinAttemptLimiter = onPagesPool((pool) => new JoinAttemptLimiter(pool));
