import { declaredModule, type ModuleDeps, type ServerModule } from '../module';
import { readingRouter } from './reading-router';

/**
 * Reading rooms' REST side (comment history, deletion, reports, the writer's stats), beside the
 * catalog. The `reading` room itself is hosted by the game module, on the game processes.
 */
export function createReadingModule(deps: ModuleDeps): ServerModule {
  const { services, requireUser } = deps;
  return {
    ...declaredModule('reading'),
    routers: [readingRouter({ comments: services.readingComments, stats: services.readingStats, requireUser })],
    rooms: [],
  };
}
