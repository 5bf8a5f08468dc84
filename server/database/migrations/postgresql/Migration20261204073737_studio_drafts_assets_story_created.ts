import { Migration } from '@mikro-orm/migrations';

export class Migration20261204073737_studio_drafts_assets_story_created extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "stories" add column "created_at" timestamptz null;`);

    this.addSql(`alter table "chapter_drafts" add column "asset_paths" jsonb not null default '[]';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "chapter_drafts" drop column "asset_paths";`);

    this.addSql(`alter table "stories" drop column "created_at";`);
  }

}
