import { Migration } from '@mikro-orm/migrations';

export class Migration20261202110000_annotate_only_lock extends Migration {

  override name = 'Migration20261202110000_annotate_only_lock';

  override up(): void | Promise<void> {
    this.addSql(`alter table "conversations" add "annotate_only" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "conversations" drop column "annotate_only";`);
  }

}
