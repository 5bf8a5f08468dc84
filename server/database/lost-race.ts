import { DeadlockException, LockWaitTimeoutException, UniqueConstraintViolationException } from '@mikro-orm/core';

/**
 * The error a transaction gets when another process wrote the same rows at the same moment (an
 * insert that became a duplicate, a deadlock, a lock wait given up): running it again is safe.
 */
export function lostRace(error: unknown): boolean {
  return error instanceof UniqueConstraintViolationException || error instanceof DeadlockException || error instanceof LockWaitTimeoutException;
}

/** Runs a transaction-shaped job, and once more if it lost a race to another process. */
export async function retryLostRace<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!lostRace(error)) throw error;
    return attempt();
  }
}
