// Entry point of `npm run certificate -- verify <certificate.json> [--key <public.pem>] [--keys <keys.json>]`;
// everything testable lives in certificate-cli.ts.
import { runCertificateCli } from './certificate-cli';

// npm runs scripts from the package root; INIT_CWD is where the user typed `npm run certificate`,
// which is what their relative file paths mean (DATA_DIR stays relative to the root, as for the server).
const cwd = process.env.npm_lifecycle_event === 'certificate' && process.env.INIT_CWD !== undefined ? process.env.INIT_CWD : process.cwd();
process.exitCode = runCertificateCli(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line), cwd, env: process.env });
