import { Migration } from '@mikro-orm/migrations';

export class Migration20261201203013_integrity extends Migration {

  override name = 'Migration20261201203013_integrity';

  override up(): void | Promise<void> {
    this.addSql(`create table "conversation_versions" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "conversation_id" uuid not null, "position" int not null, "reason" text not null, "label" varchar(200) null, "created_by_id" uuid null, "author_ids" jsonb not null default '[]', "complete" boolean not null default false, "update" bytea not null, "state_vector" bytea not null, "raw_text" text not null default '', primary key ("id"));`);
    this.addSql(`create index "conversation_versions_created_by_id_index" on "conversation_versions" ("created_by_id");`);
    this.addSql(`alter table "conversation_versions" add constraint "conversation_versions_conversation_position_unique" unique ("conversation_id", "position");`);

    this.addSql(`create table "conversation_clients" ("conversation_id" uuid not null, "client_id" bigint not null, "user_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("conversation_id", "client_id"));`);
    this.addSql(`create index "conversation_clients_user_id_index" on "conversation_clients" ("user_id");`);

    this.addSql(`alter table "conversations" add "deleted_at" timestamptz null, add "deleted_by_id" uuid null;`);
    this.addSql(`alter table "conversations" add constraint "conversations_deleted_by_id_foreign" foreign key ("deleted_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`create index "conversations_deleted_at_index" on "conversations" ("deleted_at");`);
    // The full-text index covers a bounded prefix of the text (written by hand: the schema
    // diff does not compare index expressions).
    this.addSql(`drop index "conversations_search_index";`);
    this.addSql(`create index "conversations_search_index" on "conversations" using gin ((setweight(to_tsvector('simple', "title"), 'A') || setweight(to_tsvector('english', left("raw_text", 200000)), 'B')));`);

    this.addSql(`alter table "conversation_versions" add constraint "conversation_versions_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on delete cascade;`);
    this.addSql(`alter table "conversation_versions" add constraint "conversation_versions_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "conversation_versions" add constraint "conversation_versions_reason_check" check ("reason" in ('auto', 'unload', 'large-deletion', 'manual', 'restore'));`);
    this.addSql(`create or replace function "conversation_versions_set_updated_at_fn"() returns trigger as \$\$ begin new.updated_at = now(); return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "set_updated_at" BEFORE UPDATE on "conversation_versions" for each ROW execute function "conversation_versions_set_updated_at_fn"();`);

    this.addSql(`alter table "conversation_clients" add constraint "conversation_clients_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on delete cascade;`);
    this.addSql(`alter table "conversation_clients" add constraint "conversation_clients_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`create or replace function "conversation_clients_set_updated_at_fn"() returns trigger as \$\$ begin new.updated_at = now(); return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "set_updated_at" BEFORE UPDATE on "conversation_clients" for each ROW execute function "conversation_clients_set_updated_at_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "set_updated_at" on "conversation_versions";`);
    this.addSql(`drop function if exists "conversation_versions_set_updated_at_fn"();`);
    this.addSql(`drop table if exists "conversation_versions" cascade;`);
    this.addSql(`drop trigger if exists "set_updated_at" on "conversation_clients";`);
    this.addSql(`drop function if exists "conversation_clients_set_updated_at_fn"();`);
    this.addSql(`drop table if exists "conversation_clients" cascade;`);

    this.addSql(`alter table "conversations" drop constraint "conversations_deleted_by_id_foreign";`);

    this.addSql(`drop index "conversations_deleted_at_index";`);
    this.addSql(`drop index "conversations_search_index";`);
    this.addSql(`create index "conversations_search_index" on "conversations" using gin ((setweight(to_tsvector('simple', "title"), 'A') || setweight(to_tsvector('english', "raw_text"), 'B')));`);
    this.addSql(`alter table "conversations" drop column "deleted_at", drop column "deleted_by_id";`);
  }

}
