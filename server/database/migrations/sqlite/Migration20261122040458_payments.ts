import { Migration } from '@mikro-orm/migrations';

export class Migration20261122040458_payments extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`payment_events\` (\`id\` text not null, \`type\` text not null, \`provider\` text not null, \`outcome\` text not null, \`purchase_id\` text null, \`payment_intent_id\` text null, \`payload\` json not null, \`received_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`payment_events_purchase_index\` on \`payment_events\` (\`purchase_id\`);`);

    this.addSql(`create table \`payment_intents\` (\`id\` text not null, \`amount_refunded\` integer not null default 0, \`amount\` integer not null default 0, \`dispute_lost\` integer not null default false, \`updated_at\` datetime not null, primary key (\`id\`));`);

    this.addSql(`create table \`purchases\` (\`id\` text not null, \`user_id\` text not null, \`pack_id\` text not null, \`diamonds\` integer not null, \`price_amount\` integer not null, \`currency\` text not null, \`provider\` text not null, \`status\` text not null default 'pending', \`checkout_session_id\` text null, \`payment_intent_id\` text null, \`diamonds_granted\` integer not null default 0, \`diamonds_reclaimed\` integer not null default 0, \`shortfall\` integer not null default 0, \`amount_refunded\` integer not null default 0, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`paid_at\` datetime null, \`refunded_at\` datetime null, constraint \`purchases_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`purchases_user_id_index\` on \`purchases\` (\`user_id\`);`);
    this.addSql(`create unique index \`purchases_checkout_session_id_unique\` on \`purchases\` (\`checkout_session_id\`);`);
    this.addSql(`create unique index \`purchases_payment_intent_id_unique\` on \`purchases\` (\`payment_intent_id\`);`);
    this.addSql(`create index \`purchases_user_created_index\` on \`purchases\` (\`user_id\`, \`created_at\`);`);

    this.addSql(`create table \`account_flags\` (\`id\` integer not null primary key autoincrement, \`user_id\` text not null, \`reason\` text not null, \`details\` json not null, \`created_at\` datetime not null, constraint \`account_flags_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`account_flags_user_id_index\` on \`account_flags\` (\`user_id\`);`);

  }

}
