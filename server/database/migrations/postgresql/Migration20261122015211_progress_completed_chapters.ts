import { Migration } from '@mikro-orm/migrations';

export class Migration20261122015211_progress_completed_chapters extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "player_progress" add column "completed_chapters" jsonb not null default '[]';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "player_progress" drop column "completed_chapters";`);
  }

}
