import type { EntityManager } from '@mikro-orm/core';
import { Story, User } from '../database/entities';
import { DomainError } from '../shared/domain-error';

/**
 * The signed-in account, if it may write: any account with an email. A guest has nothing to prove
 * authorship with (certificates name the author) and cannot come back to its stories, so it is refused.
 */
export async function writerAccount(em: EntityManager, userId: string): Promise<User> {
  const user = await em.findOne(User, { id: userId });
  if (user === null) throw new DomainError('USER_NOT_FOUND', 'The signed-in account no longer exists');
  if (user.isGuest || user.email === null) {
    throw new DomainError('GUEST_NOT_ALLOWED', 'Writing needs an account with an email: register, or upgrade this guest account (POST /v1/auth/upgrade)');
  }
  return user;
}

/** The story, when `writer` owns it: STORY_NOT_FOUND when there is none, NOT_YOUR_STORY when another account (or the house) owns it. */
export async function ownedStory(em: EntityManager, storyId: string, writer: User): Promise<Story> {
  const story = await em.findOne(Story, { id: storyId });
  if (story === null) throw new DomainError('STORY_NOT_FOUND', `No story ${storyId}`, { storyId });
  if (story.owner?.id !== writer.id) throw new DomainError('NOT_YOUR_STORY', `Story ${storyId} belongs to another account`, { storyId });
  return story;
}
