// extwee ships types its package.json "exports" does not expose to NodeNext resolution; this is
// the part of its API the Twine importer uses.
declare module 'extwee' {
  interface ExtweeStory {
    name: string;
    start: string;
    format: string;
  }
  export function parseTwee(text: string): ExtweeStory;
  export function parseTwine2HTML(text: string): ExtweeStory;
}
