import { Migration } from '@mikro-orm/migrations';

export class Migration20261122043437_campaigns extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`campaigns\` (\`code\` text not null, \`world_id\` text not null, \`mode\` text not null, \`seed\` integer not null, \`seats\` integer not null, \`host_user_id\` text not null, \`fork_of_code\` text null, \`fork_at_beat\` integer null, \`prompt_tokens\` bigint not null default 0, \`completion_tokens\` bigint not null default 0, \`created_at\` datetime not null, primary key (\`code\`));`);

    this.addSql(`create table \`campaign_events\` (\`code\` text not null, \`seq\` integer not null, \`type\` text not null, \`payload\` json not null, \`created_at\` datetime not null, primary key (\`code\`, \`seq\`));`);

    this.addSql(`create table \`campaign_turn_allowances\` (\`user_id\` text not null, \`day\` text not null, \`used\` integer not null, primary key (\`user_id\`, \`day\`));`);

    this.addSql(`create table \`campaign_usage\` (\`code\` text not null, \`user_id\` text not null, \`prompt_tokens\` bigint not null, \`completion_tokens\` bigint not null, \`beats\` integer not null, primary key (\`code\`, \`user_id\`));`);

  }

}
