import { Migration } from '@mikro-orm/migrations';

export class Migration20261202042929_coursework extends Migration {

  override name = 'Migration20261202042929_coursework';

  override up(): void | Promise<void> {
    this.addSql(`create table "activities" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "class_id" uuid not null, "created_by_id" uuid not null, "title" varchar(300) not null, "instructions" text not null default '', "mode" text not null, "template_id" uuid null, "shared_conversation_id" uuid null, "opens_at" timestamptz null, "due_at" timestamptz null, "published" boolean not null default false, "allow_late_submissions" boolean not null default true, "response_min_words" int null, "response_max_words" int null, "response_word_limit_hard" boolean not null default false, "grade_out_of" int null, "anonymous_peers" boolean not null default false, "tags_locked" boolean not null default false, primary key ("id"));`);
    this.addSql(`create index "activities_created_by_id_index" on "activities" ("created_by_id");`);
    this.addSql(`create index "activities_template_id_index" on "activities" ("template_id");`);
    this.addSql(`create index "activities_shared_conversation_id_index" on "activities" ("shared_conversation_id");`);
    this.addSql(`create index "activities_class_created_index" on "activities" ("class_id", "created_at");`);

    this.addSql(`create table "activity_extensions" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "activity_id" uuid not null, "student_id" uuid not null, "due_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "activity_extensions_student_id_index" on "activity_extensions" ("student_id");`);
    this.addSql(`alter table "activity_extensions" add constraint "activity_extensions_activity_student_unique" unique ("activity_id", "student_id");`);

    this.addSql(`create table "submissions" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "activity_id" uuid not null, "student_id" uuid not null, "conversation_id" uuid not null, "status" text not null default 'in_progress', "submitted_at" timestamptz null, "returned_at" timestamptz null, "late" boolean not null default false, "grade" varchar(100) null, "feedback" text not null default '', "returned_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "submissions_student_id_index" on "submissions" ("student_id");`);
    this.addSql(`alter table "submissions" add constraint "submissions_conversation_id_unique" unique ("conversation_id");`);
    this.addSql(`create index "submissions_returned_by_id_index" on "submissions" ("returned_by_id");`);
    this.addSql(`alter table "submissions" add constraint "submissions_activity_student_unique" unique ("activity_id", "student_id");`);

    this.addSql(`create table "vocabulary_tags" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "class_id" uuid not null, "activity_id" uuid null, "name" varchar(40) not null, "color" varchar(7) not null, "group" varchar(60) not null default '', "position" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "vocabulary_tags_class_id_index" on "vocabulary_tags" ("class_id");`);
    this.addSql(`create index "vocabulary_tags_activity_id_index" on "vocabulary_tags" ("activity_id");`);
    this.addSql(`create unique index "vocabulary_tags_name_unique" on "vocabulary_tags" ("class_id", coalesce("activity_id", '00000000-0000-0000-0000-000000000000'::uuid), lower("name"));`);

    this.addSql(`alter table "classes" add "tags_locked" boolean not null default false;`);

    this.addSql(`alter table "conversations" add "kind" text not null default 'conversation', add "activity_id" uuid null, add "shared_with_class" boolean not null default false, add "tags_locked" boolean not null default false;`);
    this.addSql(`alter table "conversations" add "highlight_count" int not null default 0, add "comment_count" int not null default 0, add "response_words" int not null default 0, add "author_characters" jsonb not null default '{}', add "last_edited_at" timestamptz null;`);
    this.addSql(`alter table "conversations" add constraint "conversations_activity_id_foreign" foreign key ("activity_id") references "activities" ("id") on delete restrict;`);
    this.addSql(`create index "conversations_activity_id_index" on "conversations" ("activity_id");`);
    this.addSql(`alter table "conversations" add constraint "conversations_kind_check" check ("kind" in ('conversation', 'template', 'workspace'));`);

    this.addSql(`alter table "activities" add constraint "activities_class_id_foreign" foreign key ("class_id") references "classes" ("id") on delete cascade;`);
    this.addSql(`alter table "activities" add constraint "activities_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete restrict;`);
    this.addSql(`alter table "activities" add constraint "activities_template_id_foreign" foreign key ("template_id") references "conversations" ("id") on delete set null;`);
    this.addSql(`alter table "activities" add constraint "activities_shared_conversation_id_foreign" foreign key ("shared_conversation_id") references "conversations" ("id") on delete set null;`);
    this.addSql(`alter table "activities" add constraint "activities_mode_check" check ("mode" in ('individual', 'class'));`);
    this.addSql(`create or replace function "activities_set_updated_at_fn"() returns trigger as \$\$ begin new.updated_at = now(); return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "set_updated_at" BEFORE UPDATE on "activities" for each ROW execute function "activities_set_updated_at_fn"();`);

    this.addSql(`alter table "activity_extensions" add constraint "activity_extensions_activity_id_foreign" foreign key ("activity_id") references "activities" ("id") on delete cascade;`);
    this.addSql(`alter table "activity_extensions" add constraint "activity_extensions_student_id_foreign" foreign key ("student_id") references "users" ("id") on delete cascade;`);
    this.addSql(`create or replace function "activity_extensions_set_updated_at_fn"() returns trigger as \$\$ begin new.updated_at = now(); return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "set_updated_at" BEFORE UPDATE on "activity_extensions" for each ROW execute function "activity_extensions_set_updated_at_fn"();`);

    this.addSql(`alter table "submissions" add constraint "submissions_activity_id_foreign" foreign key ("activity_id") references "activities" ("id") on delete cascade;`);
    this.addSql(`alter table "submissions" add constraint "submissions_student_id_foreign" foreign key ("student_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "submissions" add constraint "submissions_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on delete cascade;`);
    this.addSql(`alter table "submissions" add constraint "submissions_returned_by_id_foreign" foreign key ("returned_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "submissions" add constraint "submissions_status_check" check ("status" in ('in_progress', 'submitted', 'returned'));`);
    this.addSql(`create or replace function "submissions_set_updated_at_fn"() returns trigger as \$\$ begin new.updated_at = now(); return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "set_updated_at" BEFORE UPDATE on "submissions" for each ROW execute function "submissions_set_updated_at_fn"();`);

    this.addSql(`alter table "vocabulary_tags" add constraint "vocabulary_tags_class_id_foreign" foreign key ("class_id") references "classes" ("id") on delete cascade;`);
    this.addSql(`alter table "vocabulary_tags" add constraint "vocabulary_tags_activity_id_foreign" foreign key ("activity_id") references "activities" ("id") on delete cascade;`);
    this.addSql(`create or replace function "vocabulary_tags_set_updated_at_fn"() returns trigger as \$\$ begin new.updated_at = now(); return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "set_updated_at" BEFORE UPDATE on "vocabulary_tags" for each ROW execute function "vocabulary_tags_set_updated_at_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "activity_extensions" drop constraint "activity_extensions_activity_id_foreign";`);
    this.addSql(`alter table "conversations" drop constraint "conversations_activity_id_foreign";`);
    this.addSql(`alter table "submissions" drop constraint "submissions_activity_id_foreign";`);
    this.addSql(`alter table "vocabulary_tags" drop constraint "vocabulary_tags_activity_id_foreign";`);

    this.addSql(`drop trigger if exists "set_updated_at" on "activities";`);
    this.addSql(`drop function if exists "activities_set_updated_at_fn"();`);
    this.addSql(`drop table if exists "activities" cascade;`);
    this.addSql(`drop trigger if exists "set_updated_at" on "activity_extensions";`);
    this.addSql(`drop function if exists "activity_extensions_set_updated_at_fn"();`);
    this.addSql(`drop table if exists "activity_extensions" cascade;`);
    this.addSql(`drop trigger if exists "set_updated_at" on "submissions";`);
    this.addSql(`drop function if exists "submissions_set_updated_at_fn"();`);
    this.addSql(`drop table if exists "submissions" cascade;`);
    this.addSql(`drop trigger if exists "set_updated_at" on "vocabulary_tags";`);
    this.addSql(`drop function if exists "vocabulary_tags_set_updated_at_fn"();`);
    this.addSql(`drop table if exists "vocabulary_tags" cascade;`);

    this.addSql(`alter table "classes" drop column "tags_locked";`);

    this.addSql(`alter table "conversations" drop column "highlight_count", drop column "comment_count", drop column "response_words", drop column "author_characters", drop column "last_edited_at";`);
    this.addSql(`drop index "conversations_activity_id_index";`);
    this.addSql(`alter table "conversations" drop constraint "conversations_kind_check";`);
    this.addSql(`alter table "conversations" drop column "kind", drop column "activity_id", drop column "shared_with_class", drop column "tags_locked";`);
  }

}
