import { Migration } from '@mikro-orm/migrations';

export class Migration20261204145403_reading_rooms extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "chapter_read" ("user_id" uuid not null, "chapter_id" varchar(128) not null, "story_id" varchar(64) not null, "seconds" int not null default 0, "furthest_paragraph" varchar(128) null, "furthest_index" int not null default -1, "completed" boolean not null default false, "updated_at" timestamptz not null, constraint "chapter_read_pkey" primary key ("user_id", "chapter_id"));`);
    this.addSql(`create index "chapter_read_story_id_index" on "chapter_read" ("story_id");`);

    this.addSql(`create table "comment_reports" ("id" uuid not null, "comment_id" uuid not null, "reporter_id" uuid not null, "reason" varchar(500) not null, "created_at" timestamptz not null, constraint "comment_reports_pkey" primary key ("id"));`);
    this.addSql(`create index "comment_reports_created_at_index" on "comment_reports" ("created_at");`);
    this.addSql(`alter table "comment_reports" add constraint "comment_reports_comment_id_reporter_id_unique" unique ("comment_id", "reporter_id");`);

    this.addSql(`create table "reading_comments" ("id" uuid not null, "chapter_id" varchar(128) not null, "paragraph_id" varchar(128) not null, "author_id" uuid not null, "text" text not null, "reply_to" uuid null, "created_at" timestamptz not null, "deleted_at" timestamptz null, constraint "reading_comments_pkey" primary key ("id"));`);
    this.addSql(`create index "reading_comments_chapter_id_created_at_index" on "reading_comments" ("chapter_id", "created_at");`);
    this.addSql(`create index "reading_comments_chapter_id_paragraph_id_created_at_index" on "reading_comments" ("chapter_id", "paragraph_id", "created_at");`);
    this.addSql(`create index "reading_comments_reply_to_index" on "reading_comments" ("reply_to");`);

    this.addSql(`create table "reading_reactions" ("user_id" uuid not null, "chapter_id" varchar(128) not null, "paragraph_id" varchar(128) not null, "emoji" varchar(16) not null, "created_at" timestamptz not null, constraint "reading_reactions_pkey" primary key ("user_id", "chapter_id", "paragraph_id", "emoji"));`);
    this.addSql(`create index "reading_reactions_chapter_id_paragraph_id_index" on "reading_reactions" ("chapter_id", "paragraph_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "chapter_read" cascade;`);

    this.addSql(`drop table if exists "comment_reports" cascade;`);

    this.addSql(`drop table if exists "reading_comments" cascade;`);

    this.addSql(`drop table if exists "reading_reactions" cascade;`);
  }

}
