/**
 * The product's limits, each with the reason for its number. Operational settings that an
 * operator may change come from the environment (`lib/config.ts`); these are not meant to.
 */
export const limits = {
  joinAttempts: {
    /**
     * Failed invite-code attempts per signed-in user per window. Ten covers every honest typo;
     * at ten guesses per quarter hour, finding one of a school's live codes among 31^8 takes
     * ages.
     */
    perUser: { points: 10, windowSeconds: 15 * 60 },
    /**
     * Failed attempts per IP address per window. A whole classroom shares one NAT address, so
     * this is six times the per-user allowance; it stops one machine guessing with many accounts.
     */
    perAddress: { points: 60, windowSeconds: 15 * 60 },
  },
} as const;
