import { Migration } from '@mikro-orm/migrations';

export class Migration20261204071900_certificates extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "certificates" ("id" varchar(32) not null, "story_id" varchar(64) not null, "chapter_id" varchar(128) not null, "version" int not null, "sha256" varchar(64) not null, "author_id" varchar(64) not null, "author_display_name" varchar(200) not null, "issued_at" varchar(32) not null, "key_id" varchar(16) not null, "signature" varchar(128) not null, constraint "certificates_pkey" primary key ("id"));`);
    this.addSql(`create index "certificates_author_index" on "certificates" ("author_id");`);
    this.addSql(`alter table "certificates" add constraint "certificates_chapter_version_unique" unique ("chapter_id", "version");`);

    this.addSql(`create table "certificate_keys" ("key_id" varchar(16) not null, "public_key_pem" text not null, "created_at" timestamptz not null, constraint "certificate_keys_pkey" primary key ("key_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "certificates" cascade;`);

    this.addSql(`drop table if exists "certificate_keys" cascade;`);
  }

}
