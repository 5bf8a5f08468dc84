import { formatTimeLeft } from './countdown';
import type { StoryRefusal } from './story-connection';

export interface Notice {
  title: string;
  message: string;
  action?: { label: string; run(): void };
}

export interface NoticeContext {
  /** Where "Get diamonds" leads: the diamond store. */
  openStore(): void;
  /** The lock reason the room's state gives for an option (e.g. "Needs Jun 5 — you have 3"). */
  lockReasonOf(choiceId: string): string | undefined;
}

/** A room refusal in the reader's words; null for ones to ignore quietly (RATE_LIMITED). */
export function refusalNotice(refusal: StoryRefusal, context: NoticeContext): Notice | null {
  const details = refusal.details ?? {};
  switch (refusal.code) {
    case 'RATE_LIMITED':
      return null;
    case 'INSUFFICIENT_DIAMONDS': {
      const needed = numberOf(details['needed']);
      const available = numberOf(details['available']);
      const amounts = needed !== null && available !== null ? `This choice costs ${needed} diamonds and you have ${available}. ` : '';
      return {
        title: 'Not enough diamonds',
        message: `${amounts}Top up in the diamond store, then come back to this choice.`,
        action: { label: 'Get diamonds', run: () => context.openStore() },
      };
    }
    case 'NO_KEYS': {
      const nextKeyAt = typeof details['nextKeyAt'] === 'string' ? details['nextKeyAt'] : '';
      return { title: 'Out of keys', message: nextKeyAt ? `Your next key arrives in ${formatTimeLeft(nextKeyAt)}.` : 'Keys come back over time.' };
    }
    case 'OPTION_LOCKED': {
      const choiceId = typeof details['choiceId'] === 'string' ? details['choiceId'] : '';
      const reason = context.lockReasonOf(choiceId);
      return { title: 'That choice is locked', message: reason ? capitalise(reason) : refusal.message };
    }
    case 'CHAPTER_LOCKED':
      return { title: 'Chapter locked', message: 'Finish the chapter before this one first.' };
    case 'PROGRESS_CONFLICT':
      return { title: 'Picked up where you left off', message: 'This story moved on in another window, so we caught up with it.' };
    case 'CHAPTER_ENDED':
      return { title: 'Chapter finished', message: 'This chapter has ended.' };
    case 'NO_NEXT_CHAPTER':
      // Asked for the next chapter where there is none: the story ends here for now, or this one is not over.
      return details['status'] === 'ended'
        ? { title: 'No next chapter yet', message: 'You have read every chapter out so far. Come back when the next one is released.' }
        : { title: 'Not at the end yet', message: 'Finish this chapter first.' };
    default:
      return { title: 'Something went wrong', message: refusal.message };
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function numberOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
