import { Migration } from '@mikro-orm/migrations';

export class Migration20261202001829_refused_clocks extends Migration {

  override name = 'Migration20261202001829_refused_clocks';

  override up(): void | Promise<void> {
    this.addSql(`alter table "conversation_clients" add "refused_from_clock" bigint null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "conversation_clients" drop column "refused_from_clock";`);
  }

}
