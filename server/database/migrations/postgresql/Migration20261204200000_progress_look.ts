import { Migration } from '@mikro-orm/migrations';

export class Migration20261204200000_progress_look extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "player_progress" add column "player_name" text null, add column "outfit" text null, add column "owned_outfits" jsonb not null default '[]';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "player_progress" drop column "player_name", drop column "outfit", drop column "owned_outfits";`);
  }

}
