import type { Client } from '@colyseus/core';
import { describe, expect, it } from 'vitest';
import { CampaignInbox } from './campaign-inbox';
import type { CampaignErrorMessage } from './protocol';

function table(budget = Number.POSITIVE_INFINITY) {
  const sent: CampaignErrorMessage['error'][] = [];
  const failures: string[] = [];
  let counted = 0;
  let left = budget;
  const client = { sessionId: 's1', send: (_type: string, message: CampaignErrorMessage) => void sent.push(message.error) } as unknown as Client;
  const inbox = new CampaignInbox({ roomId: () => 'ROOM', takeMessage: () => left-- > 0, counted: () => void counted++, failed: (_error, where) => void failures.push(where) });
  return { inbox, client, sent, failures, counted: () => counted };
}
const ok = <T>(value: T) => ({ ok: true as const, value });

describe('CampaignInbox', () => {
  it('counts every message, refuses a spent budget and an invalid payload with numbered request ids', () => {
    const { inbox, client, sent, counted } = table(1);
    inbox.direct(client, { ok: false, message: 'Invalid message: text must not be empty' }, () => undefined);
    inbox.direct(client, ok({}), () => undefined);
    expect(counted()).toBe(2);
    expect(sent).toEqual([
      { code: 'INVALID_MESSAGE', message: 'Invalid message: text must not be empty', details: {}, request_id: 'ROOM-1' },
      { code: 'RATE_LIMITED', message: 'Too many messages; slow down', details: {}, request_id: 'ROOM-2' },
    ]);
  });

  it('runs game messages and the room’s own work one at a time, in order, and bounds only the messages', async () => {
    const { inbox, client, sent } = table();
    const log: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    inbox.queue(client, ok('first'), async (v) => { await gate; log.push(v); });
    for (let i = 0; i < 15; i++) inbox.queue(client, ok(`m${i}`), async (v) => void log.push(v));
    inbox.queue(client, ok('one too many'), async (v) => void log.push(v));
    const joined = inbox.run(async () => (log.push('join'), 'seated'));
    expect(sent.map((e) => e.code)).toEqual(['RATE_LIMITED']);
    release();
    expect(await joined).toBe('seated');
    expect(log).toEqual(['first', ...Array.from({ length: 15 }, (_, i) => `m${i}`), 'join']);
  });

  it('hands a failed job’s error to the caller of run, and reports posted and queued failures', async () => {
    const { inbox, client, failures } = table();
    await expect(inbox.run(async () => Promise.reject(new Error('CAMPAIGN_FULL')))).rejects.toThrow('CAMPAIGN_FULL');
    inbox.post(async () => Promise.reject(new Error('boom')), 'timer');
    inbox.queue(client, ok(1), async () => Promise.reject(new Error('boom')));
    await inbox.drained();
    await new Promise((resolve) => setImmediate(resolve));
    expect(failures).toEqual(['timer', 'message']);
  });
});
