/**
 * Pulls the "narrative" string out of a JSON object while it is still being streamed, so the
 * narration reaches the players as the model writes it. Feed it the raw text deltas; it returns
 * the newly decoded narrative characters (possibly ''), and stops at the string's closing quote.
 */
export class NarrativeStream {
  private buffer = '';
  private start = -1;
  private read = 0;
  private done = false;

  push(delta: string): string {
    this.buffer += delta;
    if (this.done) return '';
    if (this.start < 0) {
      const match = /"narrative"\s*:\s*"/.exec(this.buffer);
      if (!match) return '';
      this.start = match.index + match[0].length;
      this.read = this.start;
    }
    let out = '';
    let i = this.read;
    while (i < this.buffer.length) {
      const ch = this.buffer[i]!;
      if (ch === '"') {
        this.done = true;
        i++;
        break;
      }
      if (ch !== '\\') {
        out += ch;
        i++;
        continue;
      }
      // An escape: wait until all of it has arrived.
      const next = this.buffer[i + 1];
      if (next === undefined) break;
      if (next === 'u') {
        const hex = this.buffer.slice(i + 2, i + 6);
        if (hex.length < 4) break;
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
        continue;
      }
      out += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[next] ?? next;
      i += 2;
    }
    this.read = i;
    return out;
  }

  /** Everything received so far. */
  get text(): string {
    return this.buffer;
  }
}

/** Parses a model's whole answer: plain JSON, or JSON inside a ```json fence or other chatter. */
export function parseModelJson(text: string): unknown {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    const first = trimmed.indexOf('{');
    const last = trimmed.lastIndexOf('}');
    if (first < 0 || last <= first) throw new Error('the answer holds no JSON object');
    return JSON.parse(trimmed.slice(first, last + 1));
  }
}
