import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 12, the class's conversation list: when each member last opened each conversation
 * (`conversation_visits`), and the tag names and comments of a conversation's live highlights
 * (`conversations.annotation_text`, written at compaction) searched with weight C beside the
 * title (A) and the text (B). Written by hand (several entities changed at once this round).
 */
export class Migration20261202110100_conversation_visits_search extends Migration {

  override name = 'Migration20261202110100_conversation_visits_search';

  override up(): void | Promise<void> {
    this.addSql(`create table "conversation_visits" ("conversation_id" uuid not null, "user_id" uuid not null, "visited_at" timestamptz not null default now(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("conversation_id", "user_id"));`);
    this.addSql(`create index "conversation_visits_user_id_index" on "conversation_visits" ("user_id");`);
    this.addSql(`alter table "conversation_visits" add constraint "conversation_visits_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "conversation_visits" add constraint "conversation_visits_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`create or replace function "conversation_visits_set_updated_at_fn"() returns trigger as \$\$ begin new.updated_at = now(); return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "set_updated_at" BEFORE UPDATE on "conversation_visits" for each ROW execute function "conversation_visits_set_updated_at_fn"();`);

    this.addSql(`alter table "conversations" add "annotation_text" text not null default '';`);
    this.addSql(`drop index "conversations_search_index";`);
    this.addSql(`create index "conversations_search_index" on "conversations" using gin ((setweight(to_tsvector('simple', "title"), 'A') || setweight(to_tsvector('english', left("raw_text", 200000)), 'B') || setweight(to_tsvector('english', left("annotation_text", 20000)), 'C')));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "conversations_search_index";`);
    this.addSql(`create index "conversations_search_index" on "conversations" using gin ((setweight(to_tsvector('simple', "title"), 'A') || setweight(to_tsvector('english', left("raw_text", 200000)), 'B')));`);
    this.addSql(`alter table "conversations" drop column "annotation_text";`);

    this.addSql(`drop trigger if exists "set_updated_at" on "conversation_visits";`);
    this.addSql(`drop function if exists "conversation_visits_set_updated_at_fn"();`);
    this.addSql(`drop table if exists "conversation_visits" cascade;`);
  }

}
