/**
 * Opt-in recording of rooms for load testing (RECORD_SESSIONS): what the client sent, when, and
 * what the room answered. Rooms receive a recorder; the server decides whether and where to write
 * (see server/recording/). The file format is load-tests/recording-format.ts.
 */
export type RecordedOutcome =
  | { kind: 'scene'; chapterId: string; sceneId: string; status: string }
  | { kind: 'error'; code: string };

export interface RoomRecording {
  input(message: string, payload: unknown): void;
  output(outcome: RecordedOutcome): void;
  end(reason: 'left' | 'disposed'): void;
}

/** Who is being recorded in a room, and the options the room was opened with. */
export interface RecordedPlayer {
  userId: string;
  options: Record<string, unknown>;
}

export interface RoomRecorder {
  /** A recording of this player in a room of this kind ('story', 'campaign'), or null when the kind is not recorded. */
  start(kind: string, player: RecordedPlayer): RoomRecording | null;
}

export const noRecording: RoomRecorder = { start: () => null };
