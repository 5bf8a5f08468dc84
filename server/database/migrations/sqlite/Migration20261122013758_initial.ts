import { Migration } from '@mikro-orm/migrations';

export class Migration20261122013758_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`stories\` (\`id\` text not null, \`title\` text not null, \`description\` text not null, \`genre\` text not null, \`cover_path\` text null, \`plays\` integer not null default 0, \`published_at\` datetime not null, \`listed\` integer not null default true, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`stories_genre_index\` on \`stories\` (\`genre\`);`);

    this.addSql(`create table \`chapters\` (\`id\` text not null, \`story_id\` text not null, \`number\` integer not null, \`title\` text not null, \`sha256\` text not null, \`bundle\` json not null, \`listed\` integer not null default true, \`updated_at\` datetime not null, constraint \`chapters_story_id_foreign\` foreign key(\`story_id\`) references \`stories\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`chapters_story_id_index\` on \`chapters\` (\`story_id\`);`);
    this.addSql(`create index \`chapters_story_id_number_index\` on \`chapters\` (\`story_id\`, \`number\`);`);

    this.addSql(`create table \`users\` (\`id\` text not null, \`email\` text null, \`password_hash\` text null, \`display_name\` text not null, \`is_guest\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`users_email_unique\` on \`users\` (\`email\`);`);

    this.addSql(`create table \`refresh_tokens\` (\`id\` text not null, \`user_id\` text not null, \`family_id\` text not null, \`token_hash\` text not null, \`expires_at\` datetime not null, \`used_at\` datetime null, \`revoked_at\` datetime null, \`created_at\` datetime not null, constraint \`refresh_tokens_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`refresh_tokens_user_id_index\` on \`refresh_tokens\` (\`user_id\`);`);
    this.addSql(`create unique index \`refresh_tokens_token_hash_unique\` on \`refresh_tokens\` (\`token_hash\`);`);
    this.addSql(`create index \`refresh_tokens_family_id_index\` on \`refresh_tokens\` (\`family_id\`);`);

    this.addSql(`create table \`player_progress\` (\`id\` text not null, \`user_id\` text not null, \`story_id\` text not null, \`chapter_id\` text not null, \`scene_id\` text not null, \`status\` text not null, \`step\` integer not null default 0, \`flags\` json not null, \`relationships\` json not null, \`history\` json not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`player_progress_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, constraint \`player_progress_story_id_foreign\` foreign key(\`story_id\`) references \`stories\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`player_progress_user_id_index\` on \`player_progress\` (\`user_id\`);`);
    this.addSql(`create index \`player_progress_story_id_index\` on \`player_progress\` (\`story_id\`);`);
    this.addSql(`create unique index \`player_progress_user_story_unique\` on \`player_progress\` (\`user_id\`, \`story_id\`);`);

    this.addSql(`create table \`currency_ledger\` (\`id\` integer not null primary key autoincrement, \`user_id\` text not null, \`currency\` text not null, \`delta\` integer not null, \`balance_after\` integer not null, \`reason\` text not null, \`idempotency_key\` text not null, \`metadata\` json null, \`created_at\` datetime not null, constraint \`currency_ledger_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`currency_ledger_user_id_index\` on \`currency_ledger\` (\`user_id\`);`);
    this.addSql(`create unique index \`currency_ledger_user_idempotency_unique\` on \`currency_ledger\` (\`user_id\`, \`idempotency_key\`);`);

    this.addSql(`create table \`wallets\` (\`user_id\` text not null, \`keys\` integer not null, \`keys_anchor_at\` datetime not null, \`diamonds\` integer not null, \`updated_at\` datetime not null, constraint \`wallets_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`user_id\`), constraint wallets_keys_not_negative check (keys >= 0), constraint wallets_diamonds_not_negative check (diamonds >= 0));`);
  }

}
