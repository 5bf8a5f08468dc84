// Entry point of `npm run content -- lint|build …`; everything testable lives in src/cli-main.ts.
import { runContentCli } from './src/cli-main';

// npm runs scripts from the package root; INIT_CWD is where the user typed `npm run content`,
// which is what their relative paths mean. Only trusted when npm is running that very script:
// any other wrapper may have changed directory since.
const cwd = process.env.npm_lifecycle_event === 'content' && process.env.INIT_CWD !== undefined ? process.env.INIT_CWD : process.cwd();
process.exitCode = await runContentCli(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line), cwd });
