import { Migration } from '@mikro-orm/migrations';

export class Migration20261204071719_studio extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "studio_assets" ("story_id" varchar(64) not null, "path" varchar(200) not null, "sha256" varchar(64) not null, "content_type" varchar(64) not null, "size" int not null, "updated_at" timestamptz not null, constraint "studio_assets_pkey" primary key ("story_id", "path"));`);

    this.addSql(`create table "chapter_versions" ("chapter_id" varchar(128) not null, "version" int not null, "story_id" varchar(64) not null, "number" int not null, "title" varchar(200) not null, "sha256" varchar(64) not null, "bundle" jsonb not null, "release_at" timestamptz not null, "published_at" timestamptz not null, "released_at" timestamptz null, "certificate_id" varchar(64) not null, constraint "chapter_versions_pkey" primary key ("chapter_id", "version"));`);
    this.addSql(`create index "chapter_versions_story_id_index" on "chapter_versions" ("story_id");`);
    this.addSql(`create index "chapter_versions_released_at_release_at_index" on "chapter_versions" ("released_at", "release_at");`);

    this.addSql(`create table "chapter_drafts" ("id" varchar(128) not null, "story_id" varchar(64) not null, "number" int not null, "title" varchar(200) not null, "format" varchar(16) not null default 'storyverse', "source" text not null, "problems" jsonb not null, "bundle" jsonb null, "sha256" varchar(64) null, "updated_at" timestamptz not null, constraint "chapter_drafts_pkey" primary key ("id"));`);
    this.addSql(`create index "chapter_drafts_story_id_index" on "chapter_drafts" ("story_id");`);

    this.addSql(`create table "earnings_ledger" ("id" serial primary key, "writer_id" uuid not null, "reader_id" uuid not null, "story_id" varchar(64) not null, "chapter_id" varchar(128) not null, "diamonds" int not null, "idempotency_key" varchar(200) not null, "created_at" timestamptz not null);`);
    this.addSql(`create index "earnings_ledger_writer_id_id_index" on "earnings_ledger" ("writer_id", "id");`);
    this.addSql(`alter table "earnings_ledger" add constraint "earnings_ledger_reader_idempotency_unique" unique ("reader_id", "idempotency_key");`);

    this.addSql(`create table "user_roles" ("user_id" uuid not null, "role" varchar(16) not null, "granted_at" timestamptz not null, constraint "user_roles_pkey" primary key ("user_id", "role"));`);

    this.addSql(`alter table "studio_assets" add constraint "studio_assets_story_id_foreign" foreign key ("story_id") references "stories" ("id") on update cascade;`);

    this.addSql(`alter table "chapter_versions" add constraint "chapter_versions_story_id_foreign" foreign key ("story_id") references "stories" ("id") on update cascade;`);

    this.addSql(`alter table "chapter_drafts" add constraint "chapter_drafts_story_id_foreign" foreign key ("story_id") references "stories" ("id") on update cascade;`);

    this.addSql(`alter table "earnings_ledger" add constraint "earnings_ledger_writer_id_foreign" foreign key ("writer_id") references "users" ("id") on update cascade;`);
    this.addSql(`alter table "earnings_ledger" add constraint "earnings_ledger_reader_id_foreign" foreign key ("reader_id") references "users" ("id") on update cascade;`);

    this.addSql(`alter table "user_roles" add constraint "user_roles_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "stories" add column "origin" varchar(16) not null default 'content', add column "owner_id" uuid null;`);
    this.addSql(`alter table "stories" add constraint "stories_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "stories_owner_id_index" on "stories" ("owner_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "studio_assets" cascade;`);

    this.addSql(`drop table if exists "chapter_versions" cascade;`);

    this.addSql(`drop table if exists "chapter_drafts" cascade;`);

    this.addSql(`drop table if exists "earnings_ledger" cascade;`);

    this.addSql(`drop table if exists "user_roles" cascade;`);

    this.addSql(`alter table "stories" drop constraint "stories_owner_id_foreign";`);

    this.addSql(`drop index "stories_owner_id_index";`);
    this.addSql(`alter table "stories" drop column "origin", drop column "owner_id";`);
  }

}
