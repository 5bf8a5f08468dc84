import './shell/shell.css';
import { App } from './shell/app';

const root = document.querySelector<HTMLElement>('#app');
if (!root) throw new Error('index.html has no #app element');
new App(root).start();
