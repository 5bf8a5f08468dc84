import { Application } from 'pixi.js';
import { element } from './dom';
import { preferredRenderer } from './renderer-preference';
import type { CreateStoryPlayer } from './player-contract';
import { StoryPlayerController } from './StoryPlayerController';
import './player.css';

/** Builds the canvas and overlay inside `host`; the shell then calls `preload` and `showScene`. */
export const createStoryPlayer: CreateStoryPlayer = async (options) => {
  const root = element('div', 'sv-player');
  root.classList.toggle('sv-player--reduced-motion', options.reducedMotion);
  options.host.append(root);
  const app = new Application();
  try {
    await app.init({
      resizeTo: root,
      background: 0x14121f,
      antialias: true,
      autoDensity: true,
      resolution: Math.min(window.devicePixelRatio || 1, 2),
      hello: false,
      preference: preferredRenderer(),
      // The DOM overlay is the accessible layer and taps are read from the canvas element directly,
      // so Pixi's own Tab-activated accessibility divs and pointer hit-testing stay off.
      accessibilityOptions: { enabledByDefault: false, activateOnTab: false },
      eventFeatures: { move: false, globalMove: false, click: false, wheel: false },
    });
  } catch (error) {
    root.remove();
    throw error;
  }
  return new StoryPlayerController(options, root, app);
};
