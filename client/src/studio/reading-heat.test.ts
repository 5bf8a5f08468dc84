import { describe, expect, it } from 'vitest';
import { engagement, heatLevels, readTime } from './reading-heat';

const paragraph = (reactions: Record<string, number>, comments = 0) => ({ paragraphId: 'p', reactions, comments });

describe('the paragraph heat map', () => {
  it('counts reactions and comments alike', () => {
    expect(engagement(paragraph({ '❤️': 2, '🔥': 1 }, 3))).toBe(6);
  });

  it("scales levels to the chapter's most engaging paragraph, and any engagement shows", () => {
    expect(heatLevels([paragraph({}), paragraph({ '❤️': 1 }), paragraph({ '❤️': 20 }), paragraph({}, 10)])).toEqual([0, 1, 4, 2]);
    expect(heatLevels([paragraph({}), paragraph({})])).toEqual([0, 0]);
  });

  it('says read times the way people do', () => {
    expect([readTime(null), readTime(45), readTime(250), readTime(240), readTime(3900), readTime(7200)]).toEqual(['—', '45 s', '4 min 10 s', '4 min', '1 h 5 min', '2 h']);
  });
});
