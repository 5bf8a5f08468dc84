/**
 * What a room reports for operators (the server turns it into Prometheus metrics, see
 * server/http/metrics.ts). Rooms receive one through their deps and never import prom-client.
 */
export interface RoomTelemetry {
  /** A client message arrived (accepted or refused): counts messages per second by room kind. */
  message(room: string): void;
  /** An applied step (a choice or an advance), from its arrival to its saved result. */
  step(room: string, kind: string, seconds: number): void;
}

export const noTelemetry: RoomTelemetry = { message: () => undefined, step: () => undefined };
