import { declaredModule, type ModuleDeps, type ServerModule } from '../module';
import { ChapterDrafts } from './chapter-drafts';
import { ChapterPublisher } from './chapter-publisher';
import { chapterBodyReader, studioRouter } from './studio-router';
import { StudioStories } from './studio-stories';

/**
 * The studio: writers create stories, upload chapters (linted into drafts) and publish them as
 * immutable, certified versions released at their `releaseAt`. It runs in the catalog process.
 */
export function createStudioModule(deps: Pick<ModuleDeps, 'orm' | 'clock' | 'logger' | 'services' | 'requireUser'>): ServerModule {
  const { orm, clock, logger, services, requireUser } = deps;
  const em = orm.em;
  const stories = new StudioStories({ em, clock });
  const drafts = new ChapterDrafts({ em, clock });
  const publisher = new ChapterPublisher({ em, clock, logger, certificates: services.certificates, releases: services.chapterReleases });
  return {
    ...declaredModule('studio'),
    bodyReaders: [chapterBodyReader(requireUser)],
    routers: [studioRouter({ stories, drafts, publisher, requireUser })],
    rooms: [],
  };
}
