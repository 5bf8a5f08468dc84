import { AsyncLocalStorage } from 'node:async_hooks';
import type { MikroORM } from '@mikro-orm/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { promiseHooksOn, scopeAsyncContexts, storagesUsePromiseHooks } from './async-context-scope';
import { openDatabase } from './open-database';
import { Story } from './entities';

const tick = () => new Promise((resolve) => setImmediate(resolve));

const hooksPerStorage = await storagesUsePromiseHooks();

describe('where storages need no promise hooks (Node 24: async context frames)', () => {
  it.skipIf(hooksPerStorage)('leaves AsyncLocalStorage as it is', async () => {
    const run = AsyncLocalStorage.prototype.run;
    expect(await scopeAsyncContexts()).toBe(false);
    expect(AsyncLocalStorage.prototype.run).toBe(run);
  });
});

describe.runIf(hooksPerStorage)('scoped async contexts, where each storage turns promise hooks on (Node 20)', () => {
  beforeAll(async () => {
    await scopeAsyncContexts();
  });

  it('is put in place once: a second call changes nothing', async () => {
    const run = AsyncLocalStorage.prototype.run;
    expect(await scopeAsyncContexts()).toBe(true);
    expect(AsyncLocalStorage.prototype.run).toBe(run);
  });

  it('keeps a store across every await of its run, then turns the hooks off when the run settles', async () => {
    const storage = new AsyncLocalStorage<string>();
    const seen = await storage.run('save', async () => {
      const before = storage.getStore();
      await tick();
      await Promise.resolve();
      return [before, storage.getStore(), await promiseHooksOn()];
    });
    expect(seen).toEqual(['save', 'save', true]);
    await tick();
    expect(await promiseHooksOn()).toBe(false);
    expect(storage.getStore()).toBeUndefined();
  });

  it('keeps the hooks on while any run is in flight, and each run its own store', async () => {
    const flushes = new AsyncLocalStorage<string>();
    const transactions = new AsyncLocalStorage<string>();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const long = transactions.run('tx-1', async () => {
      await held;
      return transactions.getStore();
    });
    await flushes.run('flush-1', async () => {
      await tick();
      expect(flushes.getStore()).toBe('flush-1');
    });
    await tick();
    expect(await promiseHooksOn()).toBe(true);
    release();
    expect(await long).toBe('tx-1');
    await tick();
    expect(await promiseHooksOn()).toBe(false);
  });

  it('ends a run that rejects like one that resolves, and the caller still gets the error', async () => {
    const storage = new AsyncLocalStorage<number>();
    await expect(storage.run(1, async () => {
      await tick();
      throw new Error('refused');
    })).rejects.toThrow('refused');
    await tick();
    expect(await promiseHooksOn()).toBe(false);
  });

  it('ends a run whose callback throws at once, and leaves a storage entered with enterWith on', async () => {
    const storage = new AsyncLocalStorage<number>();
    expect(() => storage.run(1, () => { throw new Error('bad input'); })).toThrow('bad input');
    await tick();
    expect(await promiseHooksOn()).toBe(false);
    const entered = new AsyncLocalStorage<string>();
    await new Promise<void>((resolve) => setImmediate(() => {
      entered.enterWith('session-3');
      resolve();
    }));
    await entered.run('nested', async () => tick());
    await tick();
    expect(await promiseHooksOn()).toBe(true);
    entered.disable();
    expect(await promiseHooksOn()).toBe(false);
  });

  it('leaves a storage entered Express-style (no promise back) enabled, so what the callback started keeps its store', async () => {
    const requests = new AsyncLocalStorage<string>();
    const later = new Promise<string | undefined>((resolve) => requests.run('request-7', () => void setTimeout(() => resolve(requests.getStore()), 5)));
    await new AsyncLocalStorage<number>().run(1, async () => tick());
    expect(await later).toBe('request-7');
    requests.disable();
  });

  it("turns the hooks off after MikroORM's flush and transaction (SQLite)", async () => {
    const orm: MikroORM = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    try {
      const now = new Date();
      await orm.em.fork().transactional(async (tx) => {
        tx.create(Story, { id: 'scoped-contexts', title: 'Scoped', description: 'd', genre: 'mystery', origin: 'studio', owner: null, plays: 0, listed: true, publishedAt: now, updatedAt: now });
        await tx.flush();
      });
      const em = orm.em.fork();
      const story = await em.findOneOrFail(Story, { id: 'scoped-contexts' });
      story.plays = 1;
      await em.flush();
      await tick();
      expect(await promiseHooksOn()).toBe(false);
      expect((await orm.em.fork().findOneOrFail(Story, { id: 'scoped-contexts' })).plays).toBe(1);
    } finally {
      await orm.close(true);
    }
  });
});
