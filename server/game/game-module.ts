import { CAMPAIGN_ROOM } from '../../rooms/campaign/protocol';
import { campaignRoom } from '../../rooms/campaign/CampaignRoom';
import { READING_ROOM } from '../../rooms/reading/protocol';
import { readingRoom } from '../../rooms/reading/ReadingRoom';
import { liveCommentRate } from '../../rooms/reading/rules/live-comments';
import { noRecording } from '../../rooms/shared/room-recorder';
import { STORY_ROOM } from '../../rooms/story/protocol';
import { storyRoom } from '../../rooms/story/StoryRoom';
import { CampaignDirectory } from '../campaigns/campaign-directory';
import { campaignsRouter } from '../campaigns/campaigns-router';
import { createCampaigns } from '../campaigns/create-campaigns';
import { adminRouter } from '../http/admin';
import { declaredModule, type ModuleDeps, type ServerModule } from '../module';
import { JsonlRoomRecorder } from '../recording/jsonl-room-recorder';

/**
 * The game: the `story`, `campaign` and `reading` room kinds (matchmaking comes with the game server they run
 * on) and the admin panel. Rooms that RECORD_SESSIONS names are recorded for load-test replay.
 */
export function createGameModule(deps: ModuleDeps): ServerModule {
  const { config, orm, services, clock, logger, jwtSecret, requireUser } = deps;
  const recorder = config.recording.rooms.size > 0
    ? new JsonlRoomRecorder({ ...config.recording, pseudonymKey: jwtSecret, clock, logger })
    : noRecording;
  return {
    ...declaredModule('game'),
    routers: [adminRouter(config.adminToken, logger), campaignsRouter({ directory: new CampaignDirectory({ em: orm.em }), requireUser })],
    rooms: [
      {
        name: STORY_ROOM,
        create: ({ telemetry }) => storyRoom({ sessions: services.storySessions, previews: services.previewSessions, auth: services.accessTokens, clock, logger, recorder, telemetry }),
      },
      {
        name: CAMPAIGN_ROOM,
        create: async ({ telemetry }) => campaignRoom(await createCampaigns({ config, orm, auth: services.accessTokens, clock, logger, telemetry })),
      },
      {
        name: READING_ROOM,
        // joinOrCreate seats a reader in a room of their chapter (the fullest with a free seat), or opens
        // one; a room past half full keeps a spare open for the next readers (rooms/shared/spare-room.ts).
        filterBy: ['chapterId'],
        sortBy: { clients: -1 },
        create: ({ telemetry, writes }) => readingRoom({ access: services.readingAccess, store: services.readingStore, fanout: services.readingFanout, auth: services.accessTokens, clock, logger, telemetry, writes, roomSize: config.reading.roomSize, patchMs: config.reading.patchMs, liveComments: liveCommentRate(config.reading.liveCommentsPerSecond) }),
      },
    ],
  };
}
