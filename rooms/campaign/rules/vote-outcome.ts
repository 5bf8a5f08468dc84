import type { CampaignModel } from './model';

/**
 * Vote mode: the winning choice, or null while the vote is open. A choice with a majority of the
 * voters wins at once; when everyone voted or the timer ran out, the most votes win (ties go to the
 * earlier choice; no votes at all, to the first choice).
 */
export function voteOutcome(model: CampaignModel, voters: readonly string[], timedOut: boolean): string | null {
  const tally = new Map<string, number>(model.choices.map((c) => [c.id, 0]));
  let cast = 0;
  for (const voter of voters) {
    const choiceId = model.votes[voter];
    if (choiceId !== undefined && tally.has(choiceId)) {
      tally.set(choiceId, (tally.get(choiceId) ?? 0) + 1);
      cast++;
    }
  }
  let best: string | null = null;
  let bestVotes = -1;
  for (const [id, votes] of tally) {
    if (votes > bestVotes) {
      best = id;
      bestVotes = votes;
    }
  }
  if (best === null) return null;
  if (bestVotes * 2 > voters.length) return best;
  return timedOut || (voters.length > 0 && cast >= voters.length) ? best : null;
}
