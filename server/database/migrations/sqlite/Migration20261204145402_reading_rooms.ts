import { Migration } from '@mikro-orm/migrations';

export class Migration20261204145402_reading_rooms extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`chapter_read\` (\`user_id\` text not null, \`chapter_id\` text not null, \`story_id\` text not null, \`seconds\` integer not null default 0, \`furthest_paragraph\` text null, \`furthest_index\` integer not null default -1, \`completed\` integer not null default false, \`updated_at\` datetime not null, primary key (\`user_id\`, \`chapter_id\`));`);
    this.addSql(`create index \`chapter_read_story_id_index\` on \`chapter_read\` (\`story_id\`);`);

    this.addSql(`create table \`comment_reports\` (\`id\` text not null, \`comment_id\` text not null, \`reporter_id\` text not null, \`reason\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`comment_reports_created_at_index\` on \`comment_reports\` (\`created_at\`);`);
    this.addSql(`create unique index \`comment_reports_comment_id_reporter_id_unique\` on \`comment_reports\` (\`comment_id\`, \`reporter_id\`);`);

    this.addSql(`create table \`reading_comments\` (\`id\` text not null, \`chapter_id\` text not null, \`paragraph_id\` text not null, \`author_id\` text not null, \`text\` text not null, \`reply_to\` text null, \`created_at\` datetime not null, \`deleted_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`reading_comments_chapter_id_created_at_index\` on \`reading_comments\` (\`chapter_id\`, \`created_at\`);`);
    this.addSql(`create index \`reading_comments_chapter_id_paragraph_id_created_at_index\` on \`reading_comments\` (\`chapter_id\`, \`paragraph_id\`, \`created_at\`);`);
    this.addSql(`create index \`reading_comments_reply_to_index\` on \`reading_comments\` (\`reply_to\`);`);

    this.addSql(`create table \`reading_reactions\` (\`user_id\` text not null, \`chapter_id\` text not null, \`paragraph_id\` text not null, \`emoji\` text not null, \`created_at\` datetime not null, primary key (\`user_id\`, \`chapter_id\`, \`paragraph_id\`, \`emoji\`));`);
    this.addSql(`create index \`reading_reactions_chapter_id_paragraph_id_index\` on \`reading_reactions\` (\`chapter_id\`, \`paragraph_id\`);`);

  }

}
