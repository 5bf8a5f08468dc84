import type { CampaignModel } from './model';

/** A closed vote: the winner, the count per choice, and who broke a tie (null when there was none). */
export interface VoteResult {
  choiceId: string;
  /** Choice id → votes, for every choice that got one. */
  tally: Record<string, number>;
  /** The player whose vote, cast first among the tied choices, decided a tie. */
  tieBrokenBy: string | null;
}

/**
 * Vote mode: the vote's result, or null while it stays open. A choice backed by a majority of the
 * voters wins at once; once everyone voted, or the timer ran out, the most votes win. A vote
 * nobody cast never closes (the beat waits for the party, however long the timer ran). Ties go to
 * the tied choice whose earliest standing vote was cast first (`model.voteOrder`), and that voter
 * is named, so the narration can say how the split was settled.
 */
export function voteOutcome(model: CampaignModel, voters: readonly string[], timedOut: boolean): VoteResult | null {
  const here = new Set(voters);
  const ballots = model.voteOrder.filter((id) => here.has(id) && model.choices.some((c) => c.id === model.votes[id]));
  if (ballots.length === 0) return null;
  const tally: Record<string, number> = {};
  for (const voter of ballots) tally[model.votes[voter]!] = (tally[model.votes[voter]!] ?? 0) + 1;
  const best = Math.max(...Object.values(tally));
  const leaders = Object.keys(tally).filter((id) => tally[id] === best);
  const decided = best * 2 > voters.length || timedOut || ballots.length >= voters.length;
  if (!decided) return null;
  if (leaders.length === 1) return { choiceId: leaders[0]!, tally, tieBrokenBy: null };
  const first = ballots.find((voter) => leaders.includes(model.votes[voter]!))!;
  return { choiceId: model.votes[first]!, tally, tieBrokenBy: first };
}

/** How a closed vote reads to the party, honestly: unanimous, a majority, or a split and how it was settled. */
export function describeVote(model: CampaignModel, result: Pick<VoteResult, 'choiceId' | 'tally' | 'tieBrokenBy'>): string {
  const textOf = (id: string) => model.choices.find((c) => c.id === id)?.text ?? id;
  const counts = Object.entries(result.tally).sort((a, b) => b[1] - a[1]);
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  const won = result.tally[result.choiceId] ?? 0;
  if (counts.length === 1) return total === 1 ? `One vote was cast: ${textOf(result.choiceId)}.` : `All ${total} votes agreed: ${textOf(result.choiceId)}.`;
  const spread = counts.map(([id, n]) => `${n} for "${textOf(id)}"`).join(', ');
  if (result.tieBrokenBy !== null) {
    const name = model.players.find((p) => p.id === result.tieBrokenBy)?.name ?? 'the first voter';
    return `The party was split (${spread}); ${name} voted first, so the tie goes to "${textOf(result.choiceId)}".`;
  }
  return `The vote went ${won} to ${total - won} (${spread}): "${textOf(result.choiceId)}".`;
}
