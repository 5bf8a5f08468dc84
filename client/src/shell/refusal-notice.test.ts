import { describe, expect, it } from 'vitest';
import { refusalNotice, type NoticeContext } from './refusal-notice';

const context: NoticeContext = { openStore: () => undefined, lockReasonOf: (choiceId) => (choiceId === 'bold' ? 'needs Jun 5 — you have 3' : undefined) };
const notice = (code: string, details?: Record<string, unknown>, message = 'the room said so') => refusalNotice({ code, message, ...(details ? { details } : {}) } as never, context);

describe('a room refusal in the reader’s words', () => {
  it('says there is no next chapter yet at a story’s last chapter, and to finish the chapter before it ends', () => {
    expect(notice('NO_NEXT_CHAPTER', { status: 'ended' })).toEqual({ title: 'No next chapter yet', message: expect.stringContaining('every chapter out so far') });
    expect(notice('NO_NEXT_CHAPTER', { status: 'choice' })).toEqual({ title: 'Not at the end yet', message: 'Finish this chapter first.' });
  });

  it('gives the amounts and the store for too few diamonds, the lock’s own reason for a locked option', () => {
    const diamonds = notice('INSUFFICIENT_DIAMONDS', { needed: 15, available: 4 });
    expect(diamonds).toMatchObject({ title: 'Not enough diamonds', message: expect.stringContaining('costs 15 diamonds and you have 4'), action: { label: 'Get diamonds' } });
    expect(notice('OPTION_LOCKED', { choiceId: 'bold' })).toEqual({ title: 'That choice is locked', message: 'Needs Jun 5 — you have 3' });
  });

  it('stays quiet for rate limits and falls back to the room’s message for codes it has no words for', () => {
    expect(notice('RATE_LIMITED')).toBeNull();
    expect(notice('SOMETHING_NEW', undefined, 'A new refusal')).toEqual({ title: 'Something went wrong', message: 'A new refusal' });
  });
});
