import { Migration } from '@mikro-orm/migrations';

export class Migration20261122015211_progress_completed_chapters extends Migration {

  override async up(): Promise<void> {
    // Hand-edited: a default lets existing rows take the column (SQLite refuses NOT NULL without one),
    // and the generator's "add constraint" lines for the wallet checks were dropped — the checks
    // exist since the initial migration; SQLite just cannot report them back to the differ.
    this.addSql(`alter table \`player_progress\` add column \`completed_chapters\` json not null default '[]';`);
  }

}
