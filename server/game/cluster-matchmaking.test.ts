import { LocalPresence, matchMaker, type Room } from '@colyseus/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClusterSweep, FULL_PASS_EVERY } from './cluster-matchmaking';

const ROOMS = 20;
const presence = new LocalPresence();

/** This process's listings in a driver that counts how often all of them are read. */
function fakeDriver() {
  const listed = new Set<string>();
  const driver = {
    listed,
    reads: 0,
    probes: [] as string[],
    has: async (roomId: string) => {
      driver.probes.push(roomId);
      return listed.has(roomId);
    },
    query: async (conditions: { processId?: string }) => {
      driver.reads++;
      return [...listed].map((roomId) => ({ roomId, processId: conditions.processId ?? matchMaker.processId }));
    },
    cleanup: async () => undefined,
  };
  return driver;
}

/** Running rooms of this process, each with a listing that lists itself again when saved. */
function hostedRooms(sweep: ClusterSweep, driver: ReturnType<typeof fakeDriver>) {
  const rooms = Array.from({ length: ROOMS }, (_, i) => {
    const roomId = `room-${i}`;
    driver.listed.add(roomId);
    return { roomId, roomName: 'story', _internalState: 1, listing: { save: vi.fn(async () => void driver.listed.add(roomId)) } };
  });
  sweep.track({ on: (event: string, listener: (room: Room) => void) => event === 'create' && rooms.forEach((room) => listener(room as unknown as Room)) });
  return rooms;
}

function newSweep() {
  const driver = fakeDriver();
  const sweep = new ClusterSweep({ presence, driver, logger: { info: () => undefined, warn: () => undefined }, intervalMs: 60_000 });
  return { driver, sweep, rooms: hostedRooms(sweep, driver) };
}

beforeAll(async () => {
  await matchMaker.setup(presence);
  await matchMaker.accept();
});
afterAll(() => matchMaker.gracefullyShutdown());

describe('ClusterSweep', () => {
  it('reads every listing only on a full pass; the sweeps between probe a few own listings, each in turn', async () => {
    const { driver, sweep } = newSweep();
    await sweep.sweep();
    expect(driver.reads).toBeGreaterThan(0);
    const afterFullPass = driver.reads;
    driver.probes.length = 0;
    for (let i = 1; i < FULL_PASS_EVERY; i++) await sweep.sweep();
    expect(driver.reads).toBe(afterFullPass);
    expect(new Set(driver.probes).size).toBe(ROOMS);
    expect(driver.probes.length).toBeLessThanOrEqual(8 * (FULL_PASS_EVERY - 1));
    await sweep.sweep();
    expect(driver.reads).toBeGreaterThan(afterFullPass);
  });

  it('puts back every vanished listing as soon as a probe misses one (a health-check cleanup removes them all)', async () => {
    const { driver, sweep, rooms } = newSweep();
    await sweep.sweep();
    driver.listed.clear();
    await sweep.sweep();
    expect(rooms.every((room) => room.listing.save.mock.calls.length === 1)).toBe(true);
    expect(driver.listed.size).toBe(ROOMS);
  });

  it('finds a single lost listing at the next full pass', async () => {
    const { driver, sweep, rooms } = newSweep();
    await sweep.sweep();
    driver.listed.delete('room-7');
    driver.has = async () => true; // no probe happens to see it
    for (let i = 1; i < FULL_PASS_EVERY; i++) await sweep.sweep();
    expect(rooms[7]!.listing.save).not.toHaveBeenCalled();
    await sweep.sweep();
    expect(rooms[7]!.listing.save).toHaveBeenCalledOnce();
    expect(rooms.filter((room) => room.listing.save.mock.calls.length > 0)).toHaveLength(1);
  });
});
