/**
 * Opt-in recording of room sessions for load testing (RECORD_SESSIONS): what the client sent,
 * when, and what the room answered. Rooms receive a recorder; the server decides whether and
 * where to write (see server/recording/). The file format is load-tests/recording-format.ts.
 */
export type RecordedOutcome =
  | { kind: 'scene'; chapterId: string; sceneId: string; status: string }
  | { kind: 'error'; code: string };

export interface SessionRecording {
  input(message: string, payload: unknown): void;
  output(outcome: RecordedOutcome): void;
  end(reason: 'left' | 'disposed'): void;
}

export interface SessionRecorder {
  /** A recording for this session, or null when this room kind is not recorded. */
  start(session: { room: string; userId: string; options: Record<string, unknown> }): SessionRecording | null;
}

export const noRecording: SessionRecorder = { start: () => null };
