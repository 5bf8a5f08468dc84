import { Migration } from '@mikro-orm/migrations';

export class Migration20261122043437_campaigns extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "campaigns" ("code" varchar(16) not null, "world_id" varchar(64) not null, "mode" varchar(8) not null, "seed" int not null, "seats" int not null, "host_user_id" varchar(64) not null, "fork_of_code" varchar(16) null, "fork_at_beat" int null, "prompt_tokens" bigint not null default 0, "completion_tokens" bigint not null default 0, "created_at" timestamptz not null, constraint "campaigns_pkey" primary key ("code"));`);

    this.addSql(`create table "campaign_events" ("code" varchar(16) not null, "seq" int not null, "type" varchar(32) not null, "payload" jsonb not null, "created_at" timestamptz not null, constraint "campaign_events_pkey" primary key ("code", "seq"));`);

    this.addSql(`create table "campaign_turn_allowances" ("user_id" varchar(64) not null, "day" varchar(10) not null, "used" int not null, constraint "campaign_turn_allowances_pkey" primary key ("user_id", "day"));`);

    this.addSql(`create table "campaign_usage" ("code" varchar(16) not null, "user_id" varchar(64) not null, "prompt_tokens" bigint not null, "completion_tokens" bigint not null, "beats" int not null, constraint "campaign_usage_pkey" primary key ("code", "user_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "campaigns" cascade;`);

    this.addSql(`drop table if exists "campaign_events" cascade;`);

    this.addSql(`drop table if exists "campaign_turn_allowances" cascade;`);

    this.addSql(`drop table if exists "campaign_usage" cascade;`);
  }

}
