import { ServerError } from '@colyseus/core';

/** Verifies the access token a client joins with. */
export interface PlayerAuthenticator {
  verify(token: string): Promise<{ userId: string }>;
}

/** What a room's onAuth hands to onJoin: plain JSON (it crosses the seat reservation). */
export interface PlayerAuthData {
  userId: string;
}

/** Token → player, for a room's static onAuth; a missing or bad token refuses the join with 401. */
export async function authenticatePlayer(auth: PlayerAuthenticator, token: string | undefined): Promise<PlayerAuthData> {
  if (!token) throw new ServerError(401, 'UNAUTHENTICATED: sign in and send your access token');
  try {
    return { userId: (await auth.verify(token)).userId };
  } catch {
    throw new ServerError(401, 'INVALID_TOKEN: the access token is not valid; refresh it');
  }
}
