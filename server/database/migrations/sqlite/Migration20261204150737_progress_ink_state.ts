import { Migration } from '@mikro-orm/migrations';

export class Migration20261204150737_progress_ink_state extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`player_progress\` add column \`ink_state\` text null;`);

  }

}
