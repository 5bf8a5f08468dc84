/**
 * How long a room keeps a dropped client's seat. The rooms wait this long in allowReconnection;
 * the web client stops trying to take the seat back after it. Imports nothing (the client uses it).
 */
export const RECONNECT_SECONDS = 30;
