/**
 * Test helpers for the story room on the client's side: a real colyseus.js client per player
 * against any server that hosts the room (a bare one in StoryRoom.test.ts, the whole composition
 * in testing/), and small waits on state and messages.
 */
import { Client, type Room } from 'colyseus.js';
import { STORY_ROOM, type RoomErrorMessage, type StoryJoinOptions } from './protocol';
import type { StoryState } from './StoryState';

export interface Session {
  client: Client;
  room: Room<StoryState>;
  errors: RoomErrorMessage['error'][];
}

export async function until(predicate: () => boolean, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (predicate()) return true;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return predicate();
}

/** Opens a story session on the server at `port` with an access token. */
export async function openSession(port: number, token: string, options: StoryJoinOptions): Promise<Session> {
  const client = new Client(`ws://127.0.0.1:${port}`);
  client.auth.token = token;
  const room = await client.create<StoryState>(STORY_ROOM, options);
  return track(client, room);
}

export function track(client: Client, room: Room<StoryState>): Session {
  const errors: Session['errors'] = [];
  room.onMessage('error', (message: RoomErrorMessage) => errors.push(message.error));
  return { client, room, errors };
}

/**
 * Drops the socket (not a consented leave) and reconnects with the reconnection token. On Node 22+
 * colyseus.js uses Node's own WebSocket, which reports the close before the ws transport's server
 * has seen it: until the room has, the token is refused — so retry briefly, as the web client does.
 */
export async function dropAndReconnect(session: Session): Promise<Session> {
  const token = session.room.reconnectionToken;
  await session.room.leave(false);
  for (let attempt = 1; ; attempt++) {
    try {
      return track(session.client, await session.client.reconnect<StoryState>(token));
    } catch (error) {
      if (attempt >= 40 || !/reconnection token invalid/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** Waits for the session to show a scene (or a refusal to open). */
export async function ready(session: Session): Promise<Session> {
  // Fields are undefined until the first state arrives, then '' until the session has a scene.
  await until(() => Boolean(session.room.state.sceneId) || session.room.state.status === 'locked');
  return session;
}

/** Sends a message and waits until the scene changes or a refusal arrives. */
export async function act(session: Session, type: 'advance' | 'choose' | 'next', payload: object = {}): Promise<void> {
  const { state } = session.room;
  const before = `${state.chapterId}/${state.sceneId}/${state.status}`;
  const errors = session.errors.length;
  session.room.send(type, payload);
  await until(() => `${state.chapterId}/${state.sceneId}/${state.status}` !== before || session.errors.length > errors);
}

export const choiceIds = (session: Session) => session.room.state.choices.map((c) => c.id);
export const lastError = (session: Session) => session.errors.at(-1);

/** Plays to the chapter's end: advances, and at each choice takes the first unlocked free option. */
export async function playToEnd(session: Session, maxSteps = 200): Promise<string[]> {
  const visited: string[] = [session.room.state.sceneId];
  for (let i = 0; i < maxSteps && session.room.state.status !== 'ended'; i++) {
    const { state } = session.room;
    if (state.status === 'choice') {
      const pick = state.choices.find((c) => !c.locked && c.cost === 0) ?? state.choices.find((c) => !c.locked);
      if (!pick) throw new Error(`stuck at ${state.sceneId}: every option is locked`);
      await act(session, 'choose', { choiceId: pick.id });
    } else {
      await act(session, 'advance');
    }
    if (lastError(session)?.code === 'RATE_LIMITED') {
      // A bot clicks faster than the room lets anyone: back off like a client should, then go on.
      session.errors.pop();
      await new Promise((resolve) => setTimeout(resolve, 300));
      continue;
    }
    if (session.errors.length) throw new Error(`refused at ${state.sceneId}: ${JSON.stringify(lastError(session))}`);
    visited.push(session.room.state.sceneId);
  }
  return visited;
}
