import { Migration } from '@mikro-orm/migrations';

export class Migration20261204073734_studio_drafts_assets_story_created extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`stories\` add column \`created_at\` datetime null;`);

    this.addSql(`alter table \`chapter_drafts\` add column \`asset_paths\` json not null default '[]';`);

  }

}
