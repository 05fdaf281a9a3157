import { onPagesPool } from '@/lib/db/pages-pool';
import { SignInLinkLimiter } from './sign-in-link-limiter';

/** The pages' magic-link limiter, on the pages' connection pool. */
export const getSignInLinkLimiter = onPagesPool((pool) => new SignInLinkLimiter(pool));
