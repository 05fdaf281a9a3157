import { defineEntity, p } from '@mikro-orm/core';
import { timestampProperties, updatedAtTrigger } from './base-entity';

/**
 * The store of `rate-limiter-flexible`'s PostgreSQL limiter (its own column layout: `key`,
 * `points`, `expire` in epoch milliseconds), declared here so that the migrations create it
 * and limits hold across restarts and across server instances.
 */
export const RateLimitBucketSchema = defineEntity({
  name: 'RateLimitBucket',
  tableName: 'rate_limits',
  triggers: [updatedAtTrigger()],
  properties: {
    key: p.string().length(255).primary(),
    points: p.integer().default(0),
    expire: p.bigint().nullable().index(),
    ...timestampProperties(),
  },
});

export class RateLimitBucket extends RateLimitBucketSchema.class {}
RateLimitBucketSchema.setClass(RateLimitBucket);
