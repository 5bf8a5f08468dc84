import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pack, unpack } from '@colyseus/msgpackr';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { READING_ROOM } from '../rooms/reading/protocol';
import { startTestServer, type TestServer } from '../testing/test-server';
import { GuestAccount } from './storyverse-api';
import { decodeRoomMessage, hasType, RoomFrame, roomTypePrefix, WireRefusal, WireRoom, type SeatReservation } from './wire-room';

const seat: SeatReservation = { sessionId: 'seat-1', room: { roomId: 'room-1', processId: 'process-1' } };

function roomData(type: string, message: unknown): Buffer {
  return Buffer.concat([Buffer.of(RoomFrame.roomData), pack(type), pack(message)]);
}

describe('WireRoom against a WebSocket server speaking the room protocol', () => {
  let server: WebSocketServer;
  let target: string;
  beforeAll(async () => {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(server, 'listening');
    target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());
  afterEach(() => server.removeAllListeners('connection'));

  /** The room's side: the socket once the client has acknowledged JOIN_ROOM, and what it asked for. */
  async function joined(handlers: Partial<Parameters<typeof WireRoom.open>[3]> = {}) {
    const received: Buffer[] = [];
    const connection = new Promise<{ socket: WebSocket; url: string }>((resolve) => {
      server.once('connection', (socket, request) => {
        socket.on('message', (data: Buffer) => received.push(data));
        socket.send(Buffer.of(RoomFrame.joinRoom, 0, 0));
        resolve({ socket, url: request.url ?? '' });
      });
    });
    const frames: Buffer[] = [];
    let state = 0;
    const closes: number[] = [];
    const room = WireRoom.open(target, seat, 'token-1', {
      onData: (frame, typeStart) => frames.push(Buffer.from(frame.subarray(typeStart))),
      onState: () => state++,
      onClose: (code) => closes.push(code),
      onRefused: () => undefined,
      ...handlers,
    });
    const { socket, url } = await connection;
    await expect.poll(() => received.length).toBe(1);
    return { room, socket, url, received, frames, closes, state: () => state };
  }

  it('asks for the seat of its reservation and acknowledges JOIN_ROOM', async () => {
    const { url, received, room } = await joined();
    expect(url).toBe('/process-1/room-1?sessionId=seat-1&_authToken=token-1');
    expect([...received[0]!]).toEqual([RoomFrame.joinRoom]);
    room.destroy();
  });

  it('stamps when the socket connected, was upgraded and was admitted, in order; a room that is slow to admit shows there', async () => {
    const connection = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
    const room = WireRoom.open(target, seat, 'token-1', { onData: () => undefined, onState: () => undefined, onClose: () => undefined, onRefused: () => undefined });
    const socket = await connection;
    await expect.poll(() => room.reached.upgraded).toBeGreaterThan(0);
    expect(room.reached.admitted).toBe(0);
    // The room's onJoin takes its time: JOIN_ROOM comes 150 ms after the upgrade.
    await new Promise((resolve) => setTimeout(resolve, 150));
    socket.send(Buffer.of(RoomFrame.joinRoom, 0, 0));
    await expect.poll(() => room.reached.admitted).toBeGreaterThan(0);
    const { connected, upgraded, admitted } = room.reached;
    expect(connected).toBeGreaterThan(0);
    expect(upgraded).toBeGreaterThanOrEqual(connected);
    expect(admitted - upgraded).toBeGreaterThanOrEqual(140);
    room.destroy();
  });

  it('is joined at the first full state, and splits every frame that follows however TCP cuts it', async () => {
    const { socket, frames, state, room } = await joined();
    socket.send(Buffer.of(RoomFrame.roomState, 1, 2, 3));
    await expect.poll(state).toBe(1);
    expect(room.isJoined).toBe(true);
    // Short, 16-bit and 64-bit lengths; a fragmented message; a patch (not handed on); a ping in between.
    const texts = ['hi', 'x'.repeat(300), 'y'.repeat(70_000)];
    for (const text of texts) socket.send(roomData('comment', { text }));
    socket.send(Buffer.of(RoomFrame.roomStatePatch, 9));
    socket.ping();
    const fragmented = roomData('comment', { text: 'in two parts' });
    socket.send(fragmented.subarray(0, 5), { fin: false });
    socket.send(fragmented.subarray(5), { fin: true });
    await expect.poll(() => frames.length).toBe(4);
    const comment = roomTypePrefix('comment');
    for (const [i, text] of [...texts, 'in two parts'].entries()) {
      expect(hasType(Buffer.concat([Buffer.of(0), frames[i]!]), 1, comment)).toBe(true);
      expect(decodeRoomMessage(Buffer.concat([Buffer.of(0), frames[i]!]), 1)).toEqual({ type: 'comment', message: { text } });
    }
    room.destroy();
  });

  it('hands the full state and every patch to a player that decodes them, the full state before the join completes', async () => {
    const seen: string[] = [];
    const { socket, room } = await joined({
      onStateBytes: (frame) => seen.push([...frame].join(',')),
      onState: () => seen.push('joined'),
    });
    socket.send(Buffer.of(RoomFrame.roomState, 1, 2, 3));
    socket.send(Buffer.of(RoomFrame.roomStatePatch, 9));
    socket.send(Buffer.of(RoomFrame.roomStatePatch, 8, 7));
    await expect.poll(() => seen.length).toBe(4);
    expect(seen).toEqual([`${RoomFrame.roomState},1,2,3`, 'joined', `${RoomFrame.roomStatePatch},9`, `${RoomFrame.roomStatePatch},8,7`]);
    room.destroy();
  });

  it('counts the frames of a counted type in place and hands on the others', async () => {
    let seen = 0;
    const { socket, frames, state, room } = await joined({ counted: { type: roomTypePrefix('comment'), seen: () => seen++ } });
    socket.send(Buffer.of(RoomFrame.roomState));
    await expect.poll(state).toBe(1);
    for (const text of ['a', 'b'.repeat(200), 'c']) socket.send(roomData('comment', { text }));
    socket.send(roomData('commentary', { text: 'not a comment' }));
    socket.send(roomData('error', { error: { code: 'RATE_LIMITED' } }));
    await expect.poll(() => frames.length).toBe(2);
    expect(seen).toBe(3);
    expect(frames.map((f) => decodeRoomMessage(Buffer.concat([Buffer.of(0), f]), 1).type)).toEqual(['commentary', 'error']);
    room.destroy();
  });

  it('sends room messages masked, as colyseus.js encodes them, and leaves with LEAVE_ROOM', async () => {
    const { socket, received, closes, room } = await joined();
    socket.send(Buffer.of(RoomFrame.roomState));
    room.send('react', { paragraphId: 's1-0', emoji: '🔥' });
    room.leave();
    await expect.poll(() => received.length).toBe(3);
    const sent = received[1]!;
    expect(sent[0]).toBe(RoomFrame.roomData);
    expect(unpack(sent.subarray(1, 7))).toBe('react');
    expect(unpack(sent.subarray(7))).toEqual({ paragraphId: 's1-0', emoji: '🔥' });
    expect([...received[2]!]).toEqual([RoomFrame.leaveRoom]);
    socket.close(4000);
    await expect.poll(() => closes).toEqual([4000]);
  });

  it('reports a dropped connection once, as 1006', async () => {
    const { socket, closes } = await joined();
    socket.terminate();
    await expect.poll(() => closes).toEqual([1006]);
  });
});

describe('WireRoom when the upgrade is not answered with 101', () => {
  it('closes with 1002 and the status line it got (a proxy that could not reach the room)', async () => {
    const proxy = createServer((_req, res) => res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>502 Bad Gateway</html>'));
    proxy.listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    try {
      const closes: [number, string | undefined][] = [];
      WireRoom.open(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, seat, 'token-1', {
        onData: () => undefined,
        onState: () => undefined,
        onRefused: () => undefined,
        onClose: (code, reason) => closes.push([code, reason]),
      });
      await expect.poll(() => closes).toEqual([[1002, 'the upgrade was answered "HTTP/1.1 502 Bad Gateway"']]);
    } finally {
      proxy.closeAllConnections();
      proxy.close();
    }
  });
});

describe('WireRoom against the real server', () => {
  let server: TestServer;
  let target: string;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    target = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.close();
  });

  it("refuses a seat in a chapter the reader has not opened with the room's code", async () => {
    const token = await (await GuestAccount.create(target)).accessToken();
    const stories = (await (await fetch(`${target}/v1/stories`)).json()) as { items: { id: string }[] };
    const story = (await (await fetch(`${target}/v1/stories/${stories.items[0]!.id}`)).json()) as { id: string; chapters: { id: string }[] };
    const reservation = await WireRoom.reserve(target, 'joinOrCreate', READING_ROOM, { storyId: story.id, chapterId: story.chapters[0]!.id }, token);
    const refusals: string[] = [];
    const closes: number[] = [];
    WireRoom.open(target, reservation, token, { onData: () => undefined, onState: () => refusals.push('joined'), onRefused: (text) => refusals.push(text), onClose: (code) => closes.push(code) });
    await expect.poll(() => closes.length).toBe(1);
    expect(refusals).toEqual([expect.stringMatching(/^CHAPTER_LOCKED: /)]);
  });

  it('answers a matchmaker refusal with its code', async () => {
    const token = await (await GuestAccount.create(target)).accessToken();
    const refused = WireRoom.reserve(target, 'joinOrCreate', 'no-such-room', {}, token);
    await expect(refused).rejects.toBeInstanceOf(WireRefusal);
  });
});
