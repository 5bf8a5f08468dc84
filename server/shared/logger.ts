import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** For tests and tools that should stay quiet. */
export const silentLogger: Logger = pino({ level: 'silent' });
