// PixiJS compiles its uniform/UBO sync code with `new Function` unless this is loaded first; the
// server's Content-Security-Policy allows no 'unsafe-eval' (server/http/security-headers.ts).
import 'pixi.js/unsafe-eval';
import './shell/shell.css';
import { App } from './shell/app';

const root = document.querySelector<HTMLElement>('#app');
if (!root) throw new Error('index.html has no #app element');
new App(root).start();
