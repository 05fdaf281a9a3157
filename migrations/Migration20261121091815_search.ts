import { Migration } from '@mikro-orm/migrations';

export class Migration20261121091815_search extends Migration {

  override name = 'Migration20261121091815_search';

  override up(): void | Promise<void> {
    this.addSql(`create index "conversations_search_index" on "conversations" using gin ((setweight(to_tsvector('simple', "title"), 'A') || setweight(to_tsvector('english', "raw_text"), 'B')));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "conversations_search_index";`);
  }

}
