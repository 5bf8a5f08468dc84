/** The tag's value when it reads `<name>: value` (names matched without case), else undefined. */
export function tagValue(tags: readonly string[] | null | undefined, name: string): string | undefined {
  for (const tag of tags ?? []) {
    const match = /^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$/.exec(tag);
    if (match && match[1]!.toLowerCase() === name) return match[2];
  }
  return undefined;
}
