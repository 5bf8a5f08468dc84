/** What a room logs through (pino in the server, a stub in tests). */
export interface RoomLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}
