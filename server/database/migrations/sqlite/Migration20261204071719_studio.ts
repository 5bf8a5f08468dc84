import { Migration } from '@mikro-orm/migrations';

export class Migration20261204071719_studio extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`studio_assets\` (\`story_id\` text not null, \`path\` text not null, \`sha256\` text not null, \`content_type\` text not null, \`size\` integer not null, \`updated_at\` datetime not null, constraint \`studio_assets_story_id_foreign\` foreign key(\`story_id\`) references \`stories\`(\`id\`) on update cascade, primary key (\`story_id\`, \`path\`));`);
    this.addSql(`create index \`studio_assets_story_id_index\` on \`studio_assets\` (\`story_id\`);`);

    this.addSql(`create table \`chapter_versions\` (\`chapter_id\` text not null, \`version\` integer not null, \`story_id\` text not null, \`number\` integer not null, \`title\` text not null, \`sha256\` text not null, \`bundle\` json not null, \`release_at\` datetime not null, \`published_at\` datetime not null, \`released_at\` datetime null, \`certificate_id\` text not null, constraint \`chapter_versions_story_id_foreign\` foreign key(\`story_id\`) references \`stories\`(\`id\`) on update cascade, primary key (\`chapter_id\`, \`version\`));`);
    this.addSql(`create index \`chapter_versions_story_id_index\` on \`chapter_versions\` (\`story_id\`);`);
    this.addSql(`create index \`chapter_versions_released_at_release_at_index\` on \`chapter_versions\` (\`released_at\`, \`release_at\`);`);

    this.addSql(`create table \`chapter_drafts\` (\`id\` text not null, \`story_id\` text not null, \`number\` integer not null, \`title\` text not null, \`format\` text not null default 'storyverse', \`source\` text not null, \`problems\` json not null, \`bundle\` json null, \`sha256\` text null, \`updated_at\` datetime not null, constraint \`chapter_drafts_story_id_foreign\` foreign key(\`story_id\`) references \`stories\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`chapter_drafts_story_id_index\` on \`chapter_drafts\` (\`story_id\`);`);

    this.addSql(`create table \`earnings_ledger\` (\`id\` integer not null primary key autoincrement, \`writer_id\` text not null, \`reader_id\` text not null, \`story_id\` text not null, \`chapter_id\` text not null, \`diamonds\` integer not null, \`idempotency_key\` text not null, \`created_at\` datetime not null, constraint \`earnings_ledger_writer_id_foreign\` foreign key(\`writer_id\`) references \`users\`(\`id\`) on update cascade, constraint \`earnings_ledger_reader_id_foreign\` foreign key(\`reader_id\`) references \`users\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`earnings_ledger_writer_id_index\` on \`earnings_ledger\` (\`writer_id\`);`);
    this.addSql(`create index \`earnings_ledger_reader_id_index\` on \`earnings_ledger\` (\`reader_id\`);`);
    this.addSql(`create index \`earnings_ledger_writer_id_id_index\` on \`earnings_ledger\` (\`writer_id\`, \`id\`);`);
    this.addSql(`create unique index \`earnings_ledger_reader_idempotency_unique\` on \`earnings_ledger\` (\`reader_id\`, \`idempotency_key\`);`);

    this.addSql(`create table \`user_roles\` (\`user_id\` text not null, \`role\` text not null, \`granted_at\` datetime not null, constraint \`user_roles_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`user_id\`, \`role\`));`);
    this.addSql(`create index \`user_roles_user_id_index\` on \`user_roles\` (\`user_id\`);`);

    // MikroORM's SQLite differ hung the owner foreign key on the wrong column; fixed by hand.
    this.addSql(`alter table \`stories\` add column \`origin\` text not null default 'content';`);
    this.addSql(`alter table \`stories\` add column \`owner_id\` text null constraint \`stories_owner_id_foreign\` references \`users\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`create index \`stories_owner_id_index\` on \`stories\` (\`owner_id\`);`);

  }

}
