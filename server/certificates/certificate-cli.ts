import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config/config';
import { readSigningKeyFile } from './resolve-signing-key';
import { SigningKey, UnusableSigningKey } from './signing-key';
import { verifyCertificate, type VerificationKey } from './verify-certificate';

export const USAGE = [
  'usage: npm run certificate -- verify <certificate.json> [--key <public.pem>] [--keys <keys.json>]',
  '  --key   a PEM public key file (the signer\'s)',
  '  --keys  a saved answer of GET /v1/certificates/keys (every key that ever signed)',
  '  without either: the public part of this server\'s signing key (CERTIFICATE_SIGNING_KEY, or the one in DATA_DIR)',
  'exit status: 0 valid, 1 invalid, 2 usage or file error',
].join('\n');

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** What relative file paths are relative to. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** A problem with the command line or a file: exit status 2, not a verdict on the certificate. */
class UsageError extends Error {}

interface VerifyArgs {
  file: string;
  keyFiles: string[];
  keysFiles: string[];
}

/** `certificate verify …` offline; returns the exit status. */
export function runCertificateCli(args: readonly string[], io: CliIo): number {
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    (args.length === 0 ? io.err : io.out)(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  try {
    const parsed = parseArgs(args);
    const at = (path: string) => resolve(io.cwd, path);
    const certificate = readJson(at(parsed.file), 'certificate');
    const keys = [...parsed.keyFiles.map((file) => keyFromPemFile(at(file))), ...parsed.keysFiles.flatMap((file) => keysFromListFile(at(file)))];
    const result = verifyCertificate(certificate, keys.length > 0 ? keys : [serverKey(io.env)]);
    if (!result.valid) {
      io.out(`INVALID: ${result.reason}`);
      return 1;
    }
    io.out(`valid: ${summary(certificate as Verified)}`);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(error.message);
    return 2;
  }
}

function parseArgs(args: readonly string[]): VerifyArgs {
  const [command, ...rest] = args;
  if (command !== 'verify') throw new UsageError(`unknown command ${JSON.stringify(command)}\n${USAGE}`);
  const parsed: VerifyArgs = { file: '', keyFiles: [], keysFiles: [] };
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--key' || arg === '--keys') {
      const value = rest[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a file\n${USAGE}`);
      (arg === '--key' ? parsed.keyFiles : parsed.keysFiles).push(value);
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}\n${USAGE}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) throw new UsageError(`name one certificate file (got ${files.length})\n${USAGE}`);
  parsed.file = files[0]!;
  return parsed;
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read the ${what} file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}`);
  }
}

function readJson(file: string, what: string): unknown {
  const text = readText(file, what);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the ${what} file ${file} is not JSON: ${(error as Error).message}`);
  }
}

function keyFromPemFile(file: string): VerificationKey {
  return { publicKeyPem: ed25519PublicPem(readText(file, 'key'), `the key file ${file}`) };
}

/** `{keys: [{keyId, algorithm, publicKeyPem}]}` as GET /v1/certificates/keys answers (a bare array is accepted too). */
function keysFromListFile(file: string): VerificationKey[] {
  const list = readJson(file, 'keys');
  const entries = Array.isArray(list) ? list : (list as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(entries)) throw new UsageError(`the keys file ${file} is not a GET /v1/certificates/keys answer: expected {"keys": [{"keyId", "publicKeyPem"}, …]}`);
  return entries.map((entry: unknown, i) => {
    const pem = (entry as { publicKeyPem?: unknown } | null)?.publicKeyPem;
    if (typeof pem !== 'string') throw new UsageError(`the keys file ${file}: keys[${i}] has no publicKeyPem`);
    return { publicKeyPem: ed25519PublicPem(pem, `the keys file ${file}: keys[${i}]`) };
  });
}

function ed25519PublicPem(pem: string, where: string): string {
  let type: string | undefined;
  try {
    type = createPublicKey(pem).asymmetricKeyType;
  } catch {
    throw new UsageError(`${where} is not a PEM public key ("-----BEGIN PUBLIC KEY-----")`);
  }
  if (type !== 'ed25519') throw new UsageError(`${where} is a key of type ${type ?? 'unknown'}, not Ed25519`);
  return pem;
}

/** What the server itself signs with, found as the server finds it (same environment, same DATA_DIR). */
function serverKey(env: NodeJS.ProcessEnv): VerificationKey {
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`${error.message}\n(pass --key or --keys to verify without the server's configuration)`);
    throw error;
  }
  let key: SigningKey | null;
  try {
    key = config.certificateSigningKeyPem ? SigningKey.fromPem(config.certificateSigningKeyPem) : readSigningKeyFile(config.dataDir);
  } catch (error) {
    if (error instanceof UnusableSigningKey) throw new UsageError(error.message);
    throw error;
  }
  if (!key) throw new UsageError(`there is no signing key in DATA_DIR (${config.dataDir}): pass --key <public.pem> or --keys <keys.json>, or set DATA_DIR`);
  return { publicKeyPem: key.publicKeyPem };
}

interface Verified {
  id: string;
  storyId: string;
  chapterId: string;
  version: number;
  sha256: string;
  author: { id: string; displayName: string };
  issuedAt: string;
  keyId: string;
}

function summary(c: Verified): string {
  return `certificate ${c.id}: ${c.author.displayName} (${c.author.id}) published version ${c.version} of chapter ${c.chapterId} of story ${c.storyId}, sha256 ${c.sha256}, at ${c.issuedAt}; signed by key ${c.keyId}`;
}
