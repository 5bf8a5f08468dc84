import { Migration } from '@mikro-orm/migrations';

export class Migration20261122040458_payments extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "payment_events" ("id" varchar(255) not null, "type" varchar(100) not null, "provider" varchar(16) not null, "outcome" varchar(64) not null, "purchase_id" uuid null, "payment_intent_id" varchar(255) null, "payload" jsonb not null, "received_at" timestamptz not null, constraint "payment_events_pkey" primary key ("id"));`);
    this.addSql(`create index "payment_events_purchase_index" on "payment_events" ("purchase_id");`);

    this.addSql(`create table "payment_intents" ("id" varchar(255) not null, "amount_refunded" int not null default 0, "amount" int not null default 0, "dispute_lost" boolean not null default false, "updated_at" timestamptz not null, constraint "payment_intents_pkey" primary key ("id"));`);

    this.addSql(`create table "purchases" ("id" uuid not null, "user_id" uuid not null, "pack_id" varchar(64) not null, "diamonds" int not null, "price_amount" int not null, "currency" varchar(3) not null, "provider" varchar(16) not null, "status" varchar(16) not null default 'pending', "checkout_session_id" varchar(255) null, "payment_intent_id" varchar(255) null, "diamonds_granted" int not null default 0, "diamonds_reclaimed" int not null default 0, "shortfall" int not null default 0, "amount_refunded" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, "paid_at" timestamptz null, "refunded_at" timestamptz null, constraint "purchases_pkey" primary key ("id"));`);
    this.addSql(`alter table "purchases" add constraint "purchases_checkout_session_id_unique" unique ("checkout_session_id");`);
    this.addSql(`alter table "purchases" add constraint "purchases_payment_intent_id_unique" unique ("payment_intent_id");`);
    this.addSql(`create index "purchases_user_created_index" on "purchases" ("user_id", "created_at");`);

    this.addSql(`create table "account_flags" ("id" serial primary key, "user_id" uuid not null, "reason" varchar(64) not null, "details" jsonb not null, "created_at" timestamptz not null);`);

    this.addSql(`alter table "purchases" add constraint "purchases_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "account_flags" add constraint "account_flags_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "payment_events" cascade;`);

    this.addSql(`drop table if exists "payment_intents" cascade;`);

    this.addSql(`drop table if exists "purchases" cascade;`);

    this.addSql(`drop table if exists "account_flags" cascade;`);
  }

}
