import { Migration } from '@mikro-orm/migrations';

export class Migration20261201230127_user_sessions extends Migration {

  override name = 'Migration20261201230127_user_sessions';

  override up(): void | Promise<void> {
    this.addSql(`create table "user_sessions" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "user_sessions_user_id_index" on "user_sessions" ("user_id");`);

    this.addSql(`alter table "user_sessions" add constraint "user_sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`create or replace function "user_sessions_set_updated_at_fn"() returns trigger as \$\$ begin new.updated_at = now(); return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "set_updated_at" BEFORE UPDATE on "user_sessions" for each ROW execute function "user_sessions_set_updated_at_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "set_updated_at" on "user_sessions";`);
    this.addSql(`drop function if exists "user_sessions_set_updated_at_fn"();`);
    this.addSql(`drop table if exists "user_sessions" cascade;`);
  }

}
