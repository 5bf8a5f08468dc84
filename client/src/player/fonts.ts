// System fonts only: the player ships no font files, and these read well at small sizes.
export const STORY_FONT = ['Nunito', 'Avenir Next', 'Segoe UI', 'Roboto', 'Helvetica Neue', 'Liberation Sans', 'Arial', 'sans-serif'];
