import { createHmac, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedOutcome, RecordedPlayer, RoomRecorder, RoomRecording } from '../../rooms/shared/room-recorder';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';

export interface JsonlRecorderOptions {
  /** Recordings land in `<dir>/<room kind>/<time>-<random>.jsonl`. */
  dir: string;
  /** Room kinds to record (RECORD_SESSIONS); others are not recorded at all. */
  rooms: ReadonlySet<string>;
  /** Keys the pseudonyms: the same player gets the same pseudonym, and it cannot be reversed without the key. */
  pseudonymKey: string;
  clock: Clock;
  logger: Logger;
}

/** Writes one JSONL file per recorded player in a room, in the format of load-tests/recording-format.ts (version 1). */
export class JsonlRoomRecorder implements RoomRecorder {
  /** Folders already created: a join should not touch the disk synchronously more than it must. */
  private readonly folders = new Set<string>();

  constructor(private readonly options: JsonlRecorderOptions) {}

  start(kind: string, player: RecordedPlayer): RoomRecording | null {
    if (!this.options.rooms.has(kind)) return null;
    const startedAt = this.options.clock.now();
    const folder = join(this.options.dir, kind);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    const file = join(folder, `${startedAt.toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.jsonl`);
    const stream = createWriteStream(file, { flags: 'wx' });
    // A full disk must not take the game down: recording is best effort.
    stream.on('error', (error) => this.options.logger.warn({ err: error, file }, 'room recording failed'));
    const write = (line: object) => { if (!stream.destroyed) stream.write(JSON.stringify(line) + '\n'); };
    const t = () => this.options.clock.now().getTime() - startedAt.getTime();
    write({ type: 'session', version: 1, room: kind, player: this.pseudonym(player.userId), startedAt: startedAt.toISOString(), options: player.options });
    let ended = false;
    return {
      input: (message, payload) => write({ type: 'in', t: t(), message, payload }),
      output: (outcome: RecordedOutcome) => write({ type: 'out', t: t(), ...outcome }),
      end: (reason) => {
        if (ended) return;
        ended = true;
        write({ type: 'end', t: t(), reason });
        stream.end();
      },
    };
  }

  pseudonym(userId: string): string {
    return `p_${createHmac('sha256', this.options.pseudonymKey).update(userId).digest('hex').slice(0, 12)}`;
  }
}
