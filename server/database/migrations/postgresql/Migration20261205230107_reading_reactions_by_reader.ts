import { Migration } from '@mikro-orm/migrations';

export class Migration20261205230107_reading_reactions_by_reader extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "reading_reactions_chapter_id_paragraph_id_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "reading_reactions_chapter_id_paragraph_id_index" on "reading_reactions" ("chapter_id", "paragraph_id");`);
  }

}
