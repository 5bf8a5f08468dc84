import { randomBytes, randomFillSync } from 'node:crypto';
import { Socket, type OnReadOpts, type SocketConstructorOpts } from 'node:net';
import { pack, unpack } from '@colyseus/msgpackr';
import { decode } from '@colyseus/schema';

/** Colyseus' protocol codes (first byte of every room frame), as @colyseus/core and colyseus.js 0.16 define them. */
export const RoomFrame = { joinRoom: 10, error: 11, leaveRoom: 12, roomData: 13, roomState: 14, roomStatePatch: 15 } as const;

/** What the matchmaker answers for a seat (POST /matchmake/:method/:roomName). */
export interface SeatReservation {
  sessionId: string;
  room: { roomId: string; processId: string; publicAddress?: string };
}

/** A seat or a connection the server refused; `code` is the server's (e.g. CHAPTER_LOCKED) or a transport code. */
export class WireRefusal extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'WireRefusal';
  }
}

export interface WireRoomHandlers {
  /**
   * Room messages of one type that are only counted: matched in place, never copied or decoded (a
   * release-day reader gets close to a hundred a second). `type` is the encoded type (roomTypePrefix).
   */
  counted?: { type: Buffer; seen(): void };
  /** Any other room message; the type (msgpack) starts at `typeStart`. */
  onData(frame: Buffer, typeStart: number): void;
  /** Each full state and patch for a player that decodes them (schema bytes from offset 1; the shared read buffer's, so decode at once). */
  onStateBytes?(frame: Buffer): void;
  /** The first full state arrived (after onStateBytes has seen it): the join is complete. */
  onState(): void;
  /** The room turned the seat down (its onJoin threw): `CODE: words`, as colyseus.js reports it. The socket closes next. */
  onRefused(message: string): void;
  /** `reason`: why the load tool closed it, when the server never upgraded the socket (nginx's 502, say). */
  onClose(code: number, reason?: string): void;
}

const HANDSHAKE_LIMIT = 16 * 1024;
const OPCODE_CONTINUATION = 0x0;
const OPCODE_BINARY = 0x2;
const OPCODE_CLOSE = 0x8;
const OPCODE_PING = 0x9;

/**
 * One Colyseus room seat over a bare TCP socket: the WebSocket upgrade, the JOIN_ROOM
 * acknowledgement and room messages, with frames split but not decoded — a reader that only counts
 * what reaches it costs the load tool a header parse per frame instead of a colyseus.js decode.
 * Speaks what colyseus.js 0.16 speaks (see Room.onMessageCallback / Room.send there); plain `ws://`
 * only, as the load tool's targets are.
 */
export class WireRoom {
  private pending: Buffer | null = null;
  /** A fragmented message being gathered (Colyseus sends none; kept correct anyway). */
  private fragments: Buffer[] | null = null;
  private upgraded = false;
  private joined = false;
  private closed = false;
  /**
   * When each step of the join after the seat happened (performance.now(); 0 until it has): the
   * socket connected, the upgrade answered (101), the room admitted the client (JOIN_ROOM: its
   * onAuth and onJoin done). The first state follows the acknowledgement (onState).
   */
  readonly reached = { connected: 0, upgraded: 0, admitted: 0 };

  private constructor(private readonly socket: Socket, private readonly handlers: WireRoomHandlers) {}

  /** Reserves a seat over HTTP as colyseus.js does (the bearer token is the player's). */
  static async reserve(target: string, method: 'joinOrCreate' | 'create' | 'join', roomName: string, options: object, token: string): Promise<SeatReservation> {
    const response = await fetch(`${target}/matchmake/${method}/${roomName}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(options),
    });
    const body = (await response.json().catch(() => ({}))) as Partial<SeatReservation> & { error?: string; code?: number };
    if (!response.ok || body.error || !body.room || !body.sessionId) {
      const text = body.error ?? `matchmake answered ${response.status}`;
      throw new WireRefusal(refusalCode(text), text);
    }
    return body as SeatReservation;
  }

  /** Opens the room's WebSocket for a reserved seat and answers the server's JOIN_ROOM. */
  static open(target: string, seat: SeatReservation, token: string, handlers: WireRoomHandlers): WireRoom {
    const base = new URL(target);
    const address = seat.room.publicAddress ? new URL(`ws://${seat.room.publicAddress}`) : base;
    const path = `${address.pathname.replace(/\/$/, '')}/${seat.room.processId}/${seat.room.roomId}?sessionId=${encodeURIComponent(seat.sessionId)}&_authToken=${encodeURIComponent(token)}`;
    // Read straight into one shared buffer, past Node's stream machinery: a release-day reader gets a
    // frame every 500 ms, and a stream's push and 'data' per read were a fifth of the load tool's work.
    // (A Socket constructor option, as net.connect passes it; @types/node lists it for connect only.)
    const onread: OnReadOpts = {
      buffer: readBuffer,
      callback: (length) => {
        room.received(readBuffer.subarray(0, length));
        return true;
      },
    };
    const socket = new Socket({ onread } as SocketConstructorOpts);
    const room = new WireRoom(socket, handlers);
    socket.connect({ host: address.hostname, port: Number(address.port || 80), noDelay: true });
    socket.once('connect', () => {
      room.reached.connected = performance.now();
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${address.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => room.finish(1006, error.code ?? error.message));
    socket.on('close', () => room.finish(1006));
    return room;
  }

  get isJoined(): boolean {
    return this.joined && !this.closed;
  }

  /** A room message, encoded as colyseus.js encodes `room.send(type, message)`. */
  send(type: string, message: object): void {
    this.writeFrame(Buffer.concat([Buffer.of(RoomFrame.roomData), pack(type), pack(message)]));
  }

  /** A consented leave: the server closes the socket when it has processed it. */
  leave(): void {
    this.writeFrame(Buffer.of(RoomFrame.leaveRoom));
  }

  /** Drops the connection without a word (a tab closed). */
  destroy(): void {
    this.socket.destroy();
  }

  /** `chunk` is the shared read buffer's: whatever is kept past this call is copied. */
  private received(chunk: Buffer): void {
    let data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    if (!this.upgraded) {
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) {
        if (data.length > HANDSHAKE_LIMIT) return this.fail(1002, `the upgrade's answer passed ${HANDSHAKE_LIMIT / 1024} KiB without ending`);
        this.pending = Buffer.from(data);
        return;
      }
      const statusLine = data.toString('latin1', 0, Math.min(end, 64)).split('\r\n')[0]!;
      if (!/^HTTP\/1\.1 101/.test(statusLine)) return this.fail(1002, `the upgrade was answered "${statusLine}"`);
      this.upgraded = true;
      this.reached.upgraded = performance.now();
      data = data.subarray(end + 4);
    }
    // Frames are split in place: a header parse per frame, no object and no copy for a counted one.
    const counted = this.handlers.counted;
    let at = 0;
    while (!this.closed && data.length - at >= 2) {
      const head = data[at]!;
      let size = data[at + 1]! & 0x7f;
      let start = at + 2;
      if (size === 126) {
        if (data.length - at < 4) break;
        size = data.readUInt16BE(at + 2);
        start = at + 4;
      } else if (size === 127) {
        if (data.length - at < 10) break;
        size = Number(data.readBigUInt64BE(at + 2));
        start = at + 10;
      }
      const end = start + size;
      if (end > data.length) break;
      const whole = (head & 0x80) !== 0 && (head & 0x0f) === OPCODE_BINARY && !this.fragments;
      if (counted && whole && this.joined && isRoomData(data, start, end, counted.type)) counted.seen();
      else this.frame(head & 0x0f, (head & 0x80) !== 0, data.subarray(start, end));
      at = end;
    }
    if (at < data.length) this.pending = Buffer.from(data.subarray(at));
  }

  private frame(opcode: number, fin: boolean, payload: Buffer): void {
    if (opcode === OPCODE_PING) return this.writeFrame(payload, 0xa);
    if (opcode === OPCODE_CLOSE) {
      this.writeFrame(payload.subarray(0, 2), OPCODE_CLOSE);
      this.socket.end();
      return this.finish(payload.length >= 2 ? payload.readUInt16BE(0) : 1005);
    }
    if (opcode !== OPCODE_BINARY && opcode !== OPCODE_CONTINUATION) return;
    if (!fin || this.fragments) {
      (this.fragments ??= []).push(Buffer.from(payload));
      if (!fin) return;
      payload = Buffer.concat(this.fragments);
      this.fragments = null;
    }
    this.message(payload);
  }

  private message(payload: Buffer): void {
    const code = payload[0];
    if (code === RoomFrame.roomData) return this.handlers.onData(payload, 1);
    if (code === RoomFrame.roomStatePatch) return this.handlers.onStateBytes?.(payload);
    if (code === RoomFrame.joinRoom) {
      this.reached.admitted ||= performance.now();
      return this.writeFrame(Buffer.of(RoomFrame.joinRoom));
    }
    if (code === RoomFrame.error) {
      const it = { offset: 1 };
      decode.number(payload, it);
      return this.handlers.onRefused(decode.string(payload, it));
    }
    if (code !== RoomFrame.roomState) return;
    this.handlers.onStateBytes?.(payload);
    if (!this.joined) {
      this.joined = true;
      this.handlers.onState();
    }
  }

  private writeFrame(payload: Buffer, opcode = OPCODE_BINARY): void {
    if (this.closed || !this.upgraded) return;
    this.socket.write(maskedFrame(payload, opcode));
  }

  private fail(code: number, reason?: string): void {
    this.socket.destroy();
    this.finish(code, reason);
  }

  private finish(code: number, reason?: string): void {
    if (this.closed) return;
    this.closed = true;
    this.handlers.onClose(code, reason);
  }
}

/** The message after a room frame's type (msgpack), decoded: for the rare frames a reader reads. */
export function decodeRoomMessage(frame: Buffer, typeStart: number): { type: unknown; message: unknown } {
  const bodyStart = typeStart + typeLength(frame, typeStart);
  const type = unpack(frame.subarray(typeStart, bodyStart));
  return { type, message: bodyStart < frame.length ? unpack(frame.subarray(bodyStart)) : undefined };
}

/** The code of a server refusal worded `CODE: words` (as colyseus.js reports a room's), else JOIN_FAILED. */
export function refusalCode(text: string): string {
  return /^([A-Z_]+):/.exec(text)?.[1] ?? 'JOIN_FAILED';
}

/** The msgpack-encoded type name a room frame starts with, to match frames by their first bytes. */
export function roomTypePrefix(type: string): Buffer {
  return Buffer.from(pack(type));
}

/** Whether a room frame's type (at typeStart) is the given encoded prefix. */
export function hasType(frame: Buffer, typeStart: number, prefix: Buffer): boolean {
  return frame.length >= typeStart + prefix.length && frame.compare(prefix, 0, prefix.length, typeStart, typeStart + prefix.length) === 0;
}

/** Length of the msgpack string (or number) at `at`. */
function typeLength(frame: Buffer, at: number): number {
  const first = frame[at]!;
  if ((first & 0xe0) === 0xa0) return 1 + (first & 0x1f);
  if (first === 0xd9) return 2 + frame[at + 1]!;
  if (first === 0xda) return 3 + frame.readUInt16BE(at + 1);
  if (first < 0x80) return 1;
  if (first === 0xcc) return 2;
  if (first === 0xcd) return 3;
  return 5;
}

/** Whether the frame at [start, end) is a room message whose encoded type is `type`. */
function isRoomData(data: Buffer, start: number, end: number, type: Buffer): boolean {
  if (data[start] !== RoomFrame.roomData || end - start <= type.length) return false;
  for (let i = 0; i < type.length; i++) if (data[start + 1 + i] !== type[i]) return false;
  return true;
}

/** Every socket reads into this one buffer (see WireRoom.open): a read is handled before the next. */
const readBuffer = Buffer.allocUnsafe(64 * 1024);

/** Masks come from a pool filled at once: a random source call per frame cost more than the frame. */
const maskPool = Buffer.allocUnsafe(64 * 1024);
let maskAt = maskPool.length;

/** A client frame: clients must mask what they send (RFC 6455 §5.3). */
function maskedFrame(payload: Buffer, opcode: number): Buffer {
  const length = payload.length;
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + 4 + length);
  frame[0] = 0x80 | opcode;
  if (length < 126) frame[1] = 0x80 | length;
  else if (length < 65536) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  if (maskAt + 4 > maskPool.length) {
    randomFillSync(maskPool);
    maskAt = 0;
  }
  maskPool.copy(frame, headerLength, maskAt, maskAt + 4);
  maskAt += 4;
  const start = headerLength + 4;
  for (let i = 0; i < length; i++) frame[start + i] = payload[i]! ^ frame[headerLength + (i & 3)]!;
  return frame;
}
