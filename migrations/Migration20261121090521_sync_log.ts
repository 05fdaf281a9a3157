import { Migration } from '@mikro-orm/migrations';

export class Migration20261121090521_sync_log extends Migration {

  override name = 'Migration20261121090521_sync_log';

  override up(): void | Promise<void> {
    this.addSql(`create table "conversation_updates" ("id" bigserial primary key, "conversation_id" uuid not null, "update" bytea not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`create index "conversation_updates_conversation_sequence_index" on "conversation_updates" ("conversation_id", "id");`);

    this.addSql(`alter table "conversation_updates" add constraint "conversation_updates_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on delete cascade;`);
    this.addSql(`create or replace function "conversation_updates_set_updated_at_fn"() returns trigger as \$\$ begin new.updated_at = now(); return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "set_updated_at" BEFORE UPDATE on "conversation_updates" for each ROW execute function "conversation_updates_set_updated_at_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "set_updated_at" on "conversation_updates";`);
    this.addSql(`drop function if exists "conversation_updates_set_updated_at_fn"();`);
    this.addSql(`drop table if exists "conversation_updates" cascade;`);
  }

}
