import { Migration } from '@mikro-orm/migrations';

export class Migration20261204071859_certificates extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`certificates\` (\`id\` text not null, \`story_id\` text not null, \`chapter_id\` text not null, \`version\` integer not null, \`sha256\` text not null, \`author_id\` text not null, \`author_display_name\` text not null, \`issued_at\` text not null, \`key_id\` text not null, \`signature\` text not null, primary key (\`id\`));`);
    this.addSql(`create index \`certificates_author_index\` on \`certificates\` (\`author_id\`);`);
    this.addSql(`create unique index \`certificates_chapter_version_unique\` on \`certificates\` (\`chapter_id\`, \`version\`);`);

    this.addSql(`create table \`certificate_keys\` (\`key_id\` text not null, \`public_key_pem\` text not null, \`created_at\` datetime not null, primary key (\`key_id\`));`);

  }

}
