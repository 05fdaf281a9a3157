import { Migration } from '@mikro-orm/migrations';

export class Migration20261121084536_initial extends Migration {

  override name = 'Migration20261121084536_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table "users" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "email" varchar(320) not null, "name" varchar(200) not null default '', "image" text null, "is_admin" boolean not null default false, primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "classes" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(200) not null, "description" text not null default '', "owner_id" uuid not null, "invite_code" varchar(8) not null, "join_enabled" boolean not null default true, "archived_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "classes_owner_id_index" on "classes" ("owner_id");`);
    this.addSql(`alter table "classes" add constraint "classes_invite_code_unique" unique ("invite_code");`);

    this.addSql(`create table "memberships" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid not null, "class_id" uuid not null, "role" text not null, primary key ("id"));`);
    this.addSql(`create index "memberships_class_id_index" on "memberships" ("class_id");`);
    this.addSql(`alter table "memberships" add constraint "memberships_user_class_unique" unique ("user_id", "class_id");`);

    this.addSql(`create table "conversations" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "class_id" uuid not null, "owner_id" uuid not null, "title" varchar(300) not null, "raw_text" text not null default '', "locked" boolean not null default false, "yjs_state" bytea null, primary key ("id"));`);
    this.addSql(`create index "conversations_owner_id_index" on "conversations" ("owner_id");`);
    this.addSql(`create index "conversations_class_recent_index" on "conversations" ("class_id", "updated_at", "id");`);

    this.addSql(`alter table "users" add constraint "users_email_normalised" check (email = lower(btrim(email)));`);
    this.addSql(`create or replace function "users_set_updated_at_fn"() returns trigger as \$\$ begin new.updated_at = now(); return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "set_updated_at" BEFORE UPDATE on "users" for each ROW execute function "users_set_updated_at_fn"();`);

    this.addSql(`alter table "classes" add constraint "classes_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete restrict;`);
    this.addSql(`create or replace function "classes_set_updated_at_fn"() returns trigger as \$\$ begin new.updated_at = now(); return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "set_updated_at" BEFORE UPDATE on "classes" for each ROW execute function "classes_set_updated_at_fn"();`);

    this.addSql(`alter table "memberships" add constraint "memberships_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "memberships" add constraint "memberships_class_id_foreign" foreign key ("class_id") references "classes" ("id") on delete cascade;`);
    this.addSql(`alter table "memberships" add constraint "memberships_role_check" check ("role" in ('instructor', 'student'));`);
    this.addSql(`create or replace function "memberships_set_updated_at_fn"() returns trigger as \$\$ begin new.updated_at = now(); return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "set_updated_at" BEFORE UPDATE on "memberships" for each ROW execute function "memberships_set_updated_at_fn"();`);

    this.addSql(`alter table "conversations" add constraint "conversations_class_id_foreign" foreign key ("class_id") references "classes" ("id") on delete cascade;`);
    this.addSql(`alter table "conversations" add constraint "conversations_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete restrict;`);
    this.addSql(`create or replace function "conversations_set_updated_at_fn"() returns trigger as \$\$ begin new.updated_at = now(); return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "set_updated_at" BEFORE UPDATE on "conversations" for each ROW execute function "conversations_set_updated_at_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "classes" drop constraint "classes_owner_id_foreign";`);
    this.addSql(`alter table "memberships" drop constraint "memberships_user_id_foreign";`);
    this.addSql(`alter table "conversations" drop constraint "conversations_owner_id_foreign";`);
    this.addSql(`alter table "memberships" drop constraint "memberships_class_id_foreign";`);
    this.addSql(`alter table "conversations" drop constraint "conversations_class_id_foreign";`);

    this.addSql(`drop trigger if exists "set_updated_at" on "users";`);
    this.addSql(`drop function if exists "users_set_updated_at_fn"();`);
    this.addSql(`drop table if exists "users" cascade;`);
    this.addSql(`drop trigger if exists "set_updated_at" on "classes";`);
    this.addSql(`drop function if exists "classes_set_updated_at_fn"();`);
    this.addSql(`drop table if exists "classes" cascade;`);
    this.addSql(`drop trigger if exists "set_updated_at" on "memberships";`);
    this.addSql(`drop function if exists "memberships_set_updated_at_fn"();`);
    this.addSql(`drop table if exists "memberships" cascade;`);
    this.addSql(`drop trigger if exists "set_updated_at" on "conversations";`);
    this.addSql(`drop function if exists "conversations_set_updated_at_fn"();`);
    this.addSql(`drop table if exists "conversations" cascade;`);
  }

}
