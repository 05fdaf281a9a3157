import { Migration } from '@mikro-orm/migrations';

export class Migration20261121084958_accounts extends Migration {

  override name = 'Migration20261121084958_accounts';

  override up(): void | Promise<void> {
    this.addSql(`create table "rate_limits" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("key"));`);
    this.addSql(`create index "rate_limits_expire_index" on "rate_limits" ("expire");`);

    this.addSql(`create table "accounts" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid not null, "type" varchar(32) not null, "provider" varchar(100) not null, "provider_account_id" varchar(255) not null, primary key ("id"));`);
    this.addSql(`create index "accounts_user_id_index" on "accounts" ("user_id");`);
    this.addSql(`alter table "accounts" add constraint "accounts_provider_account_unique" unique ("provider", "provider_account_id");`);

    this.addSql(`create table "verification_tokens" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "identifier" varchar(320) not null, "token" varchar(255) not null, "expires" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "verification_tokens_expires_index" on "verification_tokens" ("expires");`);
    this.addSql(`alter table "verification_tokens" add constraint "verification_tokens_identifier_token_unique" unique ("identifier", "token");`);

    this.addSql(`alter table "users" add "email_verified" timestamptz null;`);

    this.addSql(`create or replace function "rate_limits_set_updated_at_fn"() returns trigger as \$\$ begin new.updated_at = now(); return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "set_updated_at" BEFORE UPDATE on "rate_limits" for each ROW execute function "rate_limits_set_updated_at_fn"();`);

    this.addSql(`alter table "accounts" add constraint "accounts_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`create or replace function "accounts_set_updated_at_fn"() returns trigger as \$\$ begin new.updated_at = now(); return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "set_updated_at" BEFORE UPDATE on "accounts" for each ROW execute function "accounts_set_updated_at_fn"();`);

    this.addSql(`create or replace function "verification_tokens_set_updated_at_fn"() returns trigger as \$\$ begin new.updated_at = now(); return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "set_updated_at" BEFORE UPDATE on "verification_tokens" for each ROW execute function "verification_tokens_set_updated_at_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "set_updated_at" on "rate_limits";`);
    this.addSql(`drop function if exists "rate_limits_set_updated_at_fn"();`);
    this.addSql(`drop table if exists "rate_limits" cascade;`);
    this.addSql(`drop trigger if exists "set_updated_at" on "accounts";`);
    this.addSql(`drop function if exists "accounts_set_updated_at_fn"();`);
    this.addSql(`drop table if exists "accounts" cascade;`);
    this.addSql(`drop trigger if exists "set_updated_at" on "verification_tokens";`);
    this.addSql(`drop function if exists "verification_tokens_set_updated_at_fn"();`);
    this.addSql(`drop table if exists "verification_tokens" cascade;`);

    this.addSql(`alter table "users" drop column "email_verified";`);
  }

}
