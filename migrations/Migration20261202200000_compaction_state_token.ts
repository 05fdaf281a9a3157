import { Migration } from '@mikro-orm/migrations';

/**
 * `conversations.state_token`: a new random value at each compaction, so that a process
 * compacting a conversation that several processes serve knows whether the stored state is
 * still the one it last read or wrote, or another's that it must fold in first.
 */
export class Migration20261202200000_compaction_state_token extends Migration {

  override name = 'Migration20261202200000_compaction_state_token';

  override up(): void | Promise<void> {
    this.addSql(`alter table "conversations" add "state_token" uuid null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "conversations" drop column "state_token";`);
  }

}
