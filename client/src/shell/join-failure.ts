/**
 * Why joining the story room failed. The room refuses with messages like
 * "STORY_NOT_FOUND: there is no story x"; colyseus.js wraps them in ServerError/MatchMakeError.
 */
export class JoinFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** True when the server answered (as opposed to not being reachable at all). */
    readonly answered: boolean,
  ) {
    super(message);
    this.name = 'JoinFailure';
  }

  static from(error: unknown): JoinFailure {
    if (error instanceof JoinFailure) return error;
    const raw = error instanceof Error ? error.message : String(error);
    const status = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    const answered = typeof status === 'number' && status >= 400;
    const coded = /^([A-Z][A-Z0-9_]+):\s*([\s\S]*)$/.exec(raw);
    if (coded?.[1]) return new JoinFailure(coded[1], coded[2] ?? raw, true);
    return new JoinFailure(answered ? 'JOIN_REFUSED' : 'UNREACHABLE', raw, answered);
  }

  /** Worth trying again later (network trouble), as opposed to a refusal that will not change. */
  get transient(): boolean {
    return !this.answered || this.code === 'JOIN_REFUSED';
  }

  /** What to tell the reader. */
  friendly(): { title: string; message: string } {
    switch (this.code) {
      case 'STORY_NOT_FOUND':
        return { title: 'Story not found', message: 'This story may have been taken down, or the link is wrong.' };
      case 'INVALID_OPTIONS':
      case 'CHAPTER_NOT_FOUND':
        return { title: 'That link does not lead anywhere', message: 'The story or chapter in this address does not exist.' };
      case 'UNAUTHENTICATED':
      case 'INVALID_TOKEN':
        return { title: 'Please sign in again', message: 'Your session has ended.' };
      case 'UNREACHABLE':
        return { title: 'Can’t reach StoryVerse', message: 'Check your connection and try again.' };
      default:
        return { title: 'The story could not be opened', message: this.message || 'Please try again in a moment.' };
    }
  }
}
