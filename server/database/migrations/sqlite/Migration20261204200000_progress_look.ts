import { Migration } from '@mikro-orm/migrations';

export class Migration20261204200000_progress_look extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`player_progress\` add column \`player_name\` text null;`);
    this.addSql(`alter table \`player_progress\` add column \`outfit\` text null;`);
    this.addSql(`alter table \`player_progress\` add column \`owned_outfits\` json not null default '[]';`);
  }

}
