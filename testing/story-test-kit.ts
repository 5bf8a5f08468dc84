/**
 * End-to-end helpers for the story room: players signed in through the REST API of the real
 * composition (testing/test-server, on a real database) and story sessions opened on it.
 * The client-side waits and steps are the room's own (rooms/story/story-test-client.ts).
 */
import type { TestServer } from './test-server';
import type { StoryJoinOptions } from '../rooms/story/protocol';
import { openSession as openOnPort, type Session } from '../rooms/story/story-test-client';

export { act, choiceIds, dropAndReconnect, lastError, playToEnd, ready, track, until, type Session } from '../rooms/story/story-test-client';

export interface Player {
  token: string;
  userId: string;
}

export async function newPlayer(server: TestServer): Promise<Player> {
  const response = await server.call('POST', '/v1/auth/guest');
  return { token: response.json.accessToken, userId: response.json.user.id };
}

export function openSession(server: TestServer, player: Player, options: StoryJoinOptions): Promise<Session> {
  return openOnPort(server.port, player.token, options);
}

export async function inventory(server: TestServer, player: Player) {
  return (await server.call('GET', '/v1/inventory', { token: player.token })).json as { keys: number; diamonds: number };
}
