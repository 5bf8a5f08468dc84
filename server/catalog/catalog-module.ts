import { fileURLToPath } from 'node:url';
import { loadContentDir } from '../../content-pipeline';
import { assetBlobRouter } from '../assets/asset-blob-route';
import { worldsRouter } from '../campaigns/worlds-router';
import { certificatesRouter } from '../certificates/certificates-router';
import { webClientRouter } from '../http/web-client';
import { declaredModule, type ModuleDeps, type ModuleStarted, type ServerModule } from '../module';
import { progressRouter } from '../progress/progress-router';
import { catalogRouter } from './catalog-router';

const WEB_CLIENT_DIR = fileURLToPath(new URL('../../client/dist', import.meta.url));

/**
 * The catalog: stories, chapter bundles and assets, saved progress, the campaign worlds and the web
 * client. At start it publishes CONTENT_DIR (in the cluster the one catalog process does it for all)
 * and starts releasing studio chapters at their release times (ChapterReleases) until it stops.
 */
export function createCatalogModule(deps: Pick<ModuleDeps, 'config' | 'services' | 'logger' | 'requireUser' | 'assets'>): ServerModule {
  const { config, services, logger, requireUser, assets } = deps;
  return {
    ...declaredModule('catalog'),
    routers: [
      catalogRouter({ catalog: services.catalog }),
      assetBlobRouter({ assets }),
      worldsRouter(config.contentDir),
      certificatesRouter({ certificates: services.certificates }),
      progressRouter({ sessions: services.storySessions, requireUser }),
      webClientRouter(WEB_CLIENT_DIR),
    ],
    rooms: [],
    start: async (): Promise<ModuleStarted> => {
      const content = await loadContentDir(config.contentDir);
      for (const problem of content.problems) logger[problem.severity === 'error' ? 'error' : 'warn'](problem, `content: ${problem.file}${problem.sceneId ? ` scene ${problem.sceneId}` : ''}: ${problem.message}`);
      const published = await services.catalog.publish(content.stories);
      for (const rejected of published.rejected) logger.error(rejected, `catalog: story ${rejected.storyId} not published: ${rejected.reason}`);
      logger.info({ added: published.storiesAdded, updated: published.storiesUpdated, unlisted: published.storiesUnlisted }, `catalog: ${content.stories.length - published.rejected.length} stories published`);
      // Other processes (game processes of a cluster) may hold layouts of the content as it was.
      await services.catalogChanges.publish({ storyId: null });
      // Studio chapters: release what came due while no process ran, and arm the timer for the rest.
      await services.chapterReleases.start();
      return { contentProblems: content.problems, storiesPublished: content.stories.length };
    },
    stop: () => services.chapterReleases.stop(),
  };
}
