import { Migration } from '@mikro-orm/migrations';

export class Migration20261204150500_campaign_members extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`campaign_members\` (\`code\` text not null, \`user_id\` text not null, \`joined_at\` datetime not null, primary key (\`code\`, \`user_id\`));`);
    this.addSql(`create index \`campaign_members_user_id_index\` on \`campaign_members\` (\`user_id\`);`);
    // Campaigns played before this table: their members are in the logs' joined events.
    this.addSql(`insert or ignore into \`campaign_members\` (\`code\`, \`user_id\`, \`joined_at\`) select \`code\`, json_extract(\`payload\`, '$.playerId'), min(\`created_at\`) from \`campaign_events\` where \`type\` = 'joined' group by \`code\`, json_extract(\`payload\`, '$.playerId');`);
  }

}
