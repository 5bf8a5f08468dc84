import { Migration } from '@mikro-orm/migrations';

export class Migration20261204150739_progress_ink_state extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "player_progress" add column "ink_state" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "player_progress" drop column "ink_state";`);
  }

}
