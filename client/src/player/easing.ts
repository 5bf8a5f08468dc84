export type Easing = (t: number) => number;

export const easeOutCubic: Easing = (t) => 1 - (1 - t) ** 3;
export const easeInOutSine: Easing = (t) => -(Math.cos(Math.PI * t) - 1) / 2;
