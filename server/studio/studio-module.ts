import { declaredModule, type ModuleDeps, type ServerModule } from '../module';
import { ChapterDrafts } from './chapter-drafts';
import { ChapterPublisher } from './chapter-publisher';
import { chapterBodyReader, studioRouter } from './studio-router';
import { StudioAssetUploads } from './studio-asset-uploads';
import { StudioStories } from './studio-stories';

/**
 * The studio: writers create stories, upload chapters (linted into drafts) and publish them as
 * immutable, certified versions released at their `releaseAt`. It runs in the catalog process.
 */
export function createStudioModule(deps: Pick<ModuleDeps, 'config' | 'orm' | 'clock' | 'logger' | 'services' | 'requireUser' | 'assets'>): ServerModule {
  const { config, orm, clock, logger, services, requireUser } = deps;
  const em = orm.em;
  const stories = new StudioStories({ em, clock });
  const drafts = new ChapterDrafts({ em, clock });
  const assets = new StudioAssetUploads({ em, clock, store: deps.assets, maxBytes: config.assets.maxBytes });
  const publisher = new ChapterPublisher({ em, clock, logger, certificates: services.certificates, releases: services.chapterReleases });
  return {
    ...declaredModule('studio'),
    bodyReaders: [chapterBodyReader(requireUser)],
    routers: [studioRouter({ stories, drafts, publisher, assets, previews: services.previewSessions, maxAssetBytes: config.assets.maxBytes, requireUser })],
    rooms: [],
  };
}
