import { AsyncLocalStorage, executionAsyncId } from 'node:async_hooks';

const SCOPED = Symbol.for('storyverse.scopedAsyncContexts');

/**
 * On Node 20 an `AsyncLocalStorage` turns promise hooks on for the whole process the first time it
 * is entered, and only `disable()` turns them off again: from then on every promise the server makes
 * (a story step makes dozens) calls a JavaScript hook that copies the store onto it. MikroORM enters
 * its storages around every flush, transaction and `findAndCount`, so one ORM write at start-up left
 * the hooks on for good (load-tests/RESULTS.md, session 22, has what that cost a step and a join).
 *
 * Every one of those runs awaits its callback. So a storage entered with a callback that returns a
 * promise is disabled again once no such run is in flight anywhere, and the hooks go off with the
 * last one. A storage ever entered with a callback that returns no promise (an Express-style
 * `run(store, next)`, whose context lives on in what `next` started) is left as Node made it:
 * enabled; `enterWith` likewise. Inside a run nothing changes: the store follows every await until
 * the callback settles. Runtimes whose storages need no promise hooks (Node 24's async context
 * frames) are left alone. Once per process, by openDatabase; true when the scoping is in place.
 */
export async function scopeAsyncContexts(): Promise<boolean> {
  const prototype = AsyncLocalStorage.prototype as AsyncLocalStorage<unknown> & { [SCOPED]?: boolean };
  if (prototype[SCOPED] === undefined) {
    const needed = await storagesUsePromiseHooks();
    // Another database opened meanwhile may have decided already.
    if (prototype[SCOPED] === undefined) {
      prototype[SCOPED] = needed;
      if (needed) scopeRuns(prototype);
    }
  }
  return prototype[SCOPED];
}

/** Whether promise hooks are on: a promise reaction runs under an async id of its own only then (Node's promise tracking). */
export function promiseHooksOn(): Promise<boolean> {
  return Promise.resolve().then(() => executionAsyncId() !== 0);
}

/** Whether entering a storage turns promise hooks on. */
export async function storagesUsePromiseHooks(): Promise<boolean> {
  const probe = new AsyncLocalStorage<true>();
  try {
    return await probe.run(true, promiseHooksOn);
  } finally {
    probe.disable();
  }
}

function scopeRuns(prototype: AsyncLocalStorage<unknown>): void {
  const run = prototype.run;
  let inFlight = 0;
  const entered = new Set<AsyncLocalStorage<unknown>>();
  const lasting = new WeakSet<AsyncLocalStorage<unknown>>();
  const settled = (): void => {
    if (--inFlight > 0) return;
    for (const storage of entered) if (!lasting.has(storage)) storage.disable();
    entered.clear();
  };
  const enterWith = prototype.enterWith;
  prototype.enterWith = function lastingEnterWith(this: AsyncLocalStorage<unknown>, store: unknown): void {
    lasting.add(this);
    enterWith.call(this, store);
  };
  prototype.run = function scopedRun(this: AsyncLocalStorage<unknown>, store: unknown, callback: (...args: unknown[]) => unknown, ...args: unknown[]): unknown {
    let result: unknown;
    try {
      result = run.call(this, store, callback, ...args);
    } catch (error) {
      // A callback that threw at once: a run that is over already.
      inFlight++;
      entered.add(this);
      settled();
      throw error;
    }
    if (!isPromiseLike(result)) {
      lasting.add(this);
      return result;
    }
    inFlight++;
    entered.add(this);
    // Either outcome ends the run; the caller still gets, and handles, the original promise.
    result.then(settled, settled);
    return result;
  } as typeof prototype.run;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
