import { Migration } from '@mikro-orm/migrations';

export class Migration20261205202052_reading_reaction_counts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`reading_reaction_counts\` (\`chapter_id\` text not null, \`paragraph_id\` text not null, \`emoji\` text not null, \`count\` integer not null default 0, primary key (\`chapter_id\`, \`paragraph_id\`, \`emoji\`));`);
    // The counts of reactions standing before this migration.
    this.addSql(`insert into \`reading_reaction_counts\` (\`chapter_id\`, \`paragraph_id\`, \`emoji\`, \`count\`) select \`chapter_id\`, \`paragraph_id\`, \`emoji\`, count(*) from \`reading_reactions\` group by \`chapter_id\`, \`paragraph_id\`, \`emoji\`;`);
  }

}
