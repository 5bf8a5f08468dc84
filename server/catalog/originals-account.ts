import type { EntityManager } from '@mikro-orm/core';
import { User } from '../database/entities';

/** The system account that owns the stories shipped in CONTENT_DIR (a fixed id: the same in every database). */
export const ORIGINALS_USER_ID = '00000000-0000-4000-8000-00000000c0de';
export const ORIGINALS_DISPLAY_NAME = 'StoryVerse Originals';

/**
 * Creates the "StoryVerse Originals" account if it is missing. Nobody can sign in as it: it is not
 * a guest (no guest token is ever issued for it), and without an email or a password no sign-in
 * or refresh can name it.
 */
export async function ensureOriginalsAccount(tx: EntityManager, now: Date): Promise<void> {
  await tx.upsertMany(
    User,
    [{ id: ORIGINALS_USER_ID, email: null, passwordHash: null, displayName: ORIGINALS_DISPLAY_NAME, isGuest: false, createdAt: now, updatedAt: now }],
    { onConflictFields: ['id'], onConflictAction: 'ignore', disableIdentityMap: true },
  );
}
