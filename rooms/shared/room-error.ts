/**
 * How every room says no. Shared with the web client and the load tests: imports nothing.
 */

/** The message type a refusal is sent as. */
export const ROOM_ERROR_MESSAGE = 'error';

/** A rule said no: the client's message is refused and nothing changes. */
export interface Refusal {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** The REST error shape (DESIGN.md §4), sent as the `error` message. */
export interface RoomErrorMessage {
  error: { code: string; message: string; details: Record<string, unknown>; request_id: string };
}
