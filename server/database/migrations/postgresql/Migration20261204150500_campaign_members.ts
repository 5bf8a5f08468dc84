import { Migration } from '@mikro-orm/migrations';

export class Migration20261204150500_campaign_members extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "campaign_members" ("code" varchar(16) not null, "user_id" varchar(64) not null, "joined_at" timestamptz not null, constraint "campaign_members_pkey" primary key ("code", "user_id"));`);
    this.addSql(`create index "campaign_members_user_id_index" on "campaign_members" ("user_id");`);
    // Campaigns played before this table: their members are in the logs' joined events.
    this.addSql(`insert into "campaign_members" ("code", "user_id", "joined_at") select "code", "payload"->>'playerId', min("created_at") from "campaign_events" where "type" = 'joined' group by "code", "payload"->>'playerId' on conflict do nothing;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "campaign_members" cascade;`);
  }

}
