import { Migration } from '@mikro-orm/migrations';

export class Migration20261205230106_reading_reactions_by_reader extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index \`reading_reactions_chapter_id_paragraph_id_index\`;`);
  }

}
