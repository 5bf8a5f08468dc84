// lintStory takes already-parsed documents (it does no I/O), yet malformed JSON must still
// be reported by the linter with the file name. A file that fails to parse is therefore
// handed over as an UnparsableJson marker instead of a value.
export class UnparsableJson {
  constructor(readonly reason: string) {}
}

export function parseJsonDocument(text: string): unknown {
  try {
    // Editors on Windows like to save a byte-order mark; JSON.parse rejects it.
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    return new UnparsableJson(error instanceof Error ? error.message : String(error));
  }
}
