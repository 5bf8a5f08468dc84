export type StagePosition = 'left' | 'center' | 'right';

export interface DialogueBoxLayout {
  x: number;
  width: number;
  /** The box grows upward from here to fit its line. */
  bottom: number;
  minHeight: number;
  paddingX: number;
  paddingTop: number;
  paddingBottom: number;
}

export interface StageLayout {
  width: number;
  height: number;
  portrait: boolean;
  fontSize: number;
  lineHeight: number;
  nameFontSize: number;
  box: DialogueBoxLayout;
  /** Sprites are scaled to this height and stand on the bottom edge (feet behind the box). */
  spriteHeight: number;
  slotX: Record<StagePosition, number>;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/**
 * Every size on the stage derives from the viewport, so one formula covers a 390×844 phone and a
 * 1280×800 desktop: text never drops below 16px and lines wrap to the box.
 */
export function computeStageLayout(width: number, height: number): StageLayout {
  const portrait = width < height * 0.8;
  const margin = Math.round(clamp(width * 0.035, 10, 28));
  const fontSize = Math.round(clamp(Math.min(width / 21.5, height / 32), 16, 24));
  const lineHeight = Math.round(fontSize * 1.45);
  const paddingX = Math.round(fontSize * 1.15);
  const paddingTop = Math.round(fontSize * 1.5);
  const paddingBottom = Math.round(fontSize * 1.35);
  const boxWidth = Math.min(width - margin * 2, 940);
  const spread = portrait ? width * 0.25 : Math.min(width * 0.3, height * 0.5);
  return {
    width,
    height,
    portrait,
    fontSize,
    lineHeight,
    nameFontSize: Math.round(fontSize * 0.92),
    box: {
      x: Math.round((width - boxWidth) / 2),
      width: boxWidth,
      bottom: height - margin,
      // Short landscape phones keep more of the stage visible.
      minHeight: paddingTop + lineHeight * (height < 520 ? 2 : 3) + paddingBottom,
      paddingX,
      paddingTop,
      paddingBottom,
    },
    spriteHeight: Math.round(portrait ? Math.min(height * 0.62, width * 1.45) : height * 0.86),
    slotX: { left: width / 2 - spread, center: width / 2, right: width / 2 + spread },
  };
}
