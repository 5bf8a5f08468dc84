import { Migration } from '@mikro-orm/migrations';

export class Migration20261122013758_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "stories" ("id" varchar(64) not null, "title" varchar(200) not null, "description" text not null, "genre" varchar(32) not null, "cover_path" varchar(255) null, "plays" int not null default 0, "published_at" timestamptz not null, "listed" boolean not null default true, "updated_at" timestamptz not null, constraint "stories_pkey" primary key ("id"));`);
    this.addSql(`create index "stories_genre_index" on "stories" ("genre");`);

    this.addSql(`create table "chapters" ("id" varchar(128) not null, "story_id" varchar(64) not null, "number" int not null, "title" varchar(200) not null, "sha256" varchar(64) not null, "bundle" jsonb not null, "listed" boolean not null default true, "updated_at" timestamptz not null, constraint "chapters_pkey" primary key ("id"));`);
    this.addSql(`create index "chapters_story_id_number_index" on "chapters" ("story_id", "number");`);

    this.addSql(`create table "users" ("id" uuid not null, "email" varchar(320) null, "password_hash" varchar(255) null, "display_name" varchar(64) not null, "is_guest" boolean not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "users_pkey" primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "refresh_tokens" ("id" uuid not null, "user_id" uuid not null, "family_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null, constraint "refresh_tokens_pkey" primary key ("id"));`);
    this.addSql(`alter table "refresh_tokens" add constraint "refresh_tokens_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "refresh_tokens_family_id_index" on "refresh_tokens" ("family_id");`);

    this.addSql(`create table "player_progress" ("id" uuid not null, "user_id" uuid not null, "story_id" varchar(64) not null, "chapter_id" varchar(128) not null, "scene_id" varchar(128) not null, "status" varchar(16) not null, "step" int not null default 0, "flags" jsonb not null, "relationships" jsonb not null, "history" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "player_progress_pkey" primary key ("id"));`);
    this.addSql(`alter table "player_progress" add constraint "player_progress_user_story_unique" unique ("user_id", "story_id");`);

    this.addSql(`create table "currency_ledger" ("id" serial primary key, "user_id" uuid not null, "currency" varchar(16) not null, "delta" int not null, "balance_after" int not null, "reason" varchar(64) not null, "idempotency_key" varchar(200) not null, "metadata" jsonb null, "created_at" timestamptz not null);`);
    this.addSql(`alter table "currency_ledger" add constraint "currency_ledger_user_idempotency_unique" unique ("user_id", "idempotency_key");`);

    this.addSql(`create table "wallets" ("user_id" uuid not null, "keys" int not null, "keys_anchor_at" timestamptz not null, "diamonds" int not null, "updated_at" timestamptz not null, constraint "wallets_pkey" primary key ("user_id"), constraint wallets_keys_not_negative check (keys >= 0), constraint wallets_diamonds_not_negative check (diamonds >= 0));`);

    this.addSql(`alter table "chapters" add constraint "chapters_story_id_foreign" foreign key ("story_id") references "stories" ("id") on update cascade;`);

    this.addSql(`alter table "refresh_tokens" add constraint "refresh_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "player_progress" add constraint "player_progress_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "player_progress" add constraint "player_progress_story_id_foreign" foreign key ("story_id") references "stories" ("id") on update cascade;`);

    this.addSql(`alter table "currency_ledger" add constraint "currency_ledger_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade;`);

    this.addSql(`alter table "wallets" add constraint "wallets_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "chapters" drop constraint "chapters_story_id_foreign";`);

    this.addSql(`alter table "player_progress" drop constraint "player_progress_story_id_foreign";`);

    this.addSql(`alter table "refresh_tokens" drop constraint "refresh_tokens_user_id_foreign";`);

    this.addSql(`alter table "player_progress" drop constraint "player_progress_user_id_foreign";`);

    this.addSql(`alter table "currency_ledger" drop constraint "currency_ledger_user_id_foreign";`);

    this.addSql(`alter table "wallets" drop constraint "wallets_user_id_foreign";`);

    this.addSql(`drop table if exists "stories" cascade;`);

    this.addSql(`drop table if exists "chapters" cascade;`);

    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop table if exists "refresh_tokens" cascade;`);

    this.addSql(`drop table if exists "player_progress" cascade;`);

    this.addSql(`drop table if exists "currency_ledger" cascade;`);

    this.addSql(`drop table if exists "wallets" cascade;`);
  }

}
