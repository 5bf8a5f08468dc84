import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../content-pipeline';
import { runCertificateCli } from './certificate-cli';
import { resolveSigningKey } from './resolve-signing-key';
import { SigningKey } from './signing-key';

// The CLI as users run it: a separate process through tsx (what `npm run certificate` does),
// judged by its exit status and what it prints.

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const base = { ...process.env, npm_lifecycle_event: undefined, CERTIFICATE_SIGNING_KEY: undefined, DATABASE_URL: undefined, REDIS_URL: undefined, DATA_DIR: join(dir, 'no-data-dir') };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...base, ...env } });
    return { code: 0, stdout: stdout.trim(), stderr: stderr.trim() };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: (failed.stdout ?? '').trim(), stderr: (failed.stderr ?? '').trim() };
  }
}

let dir: string;
const signer = SigningKey.generate();
const RSA_PUBLIC_PEM = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
const rotated = SigningKey.generate();
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
};

function certificateBy(key: SigningKey, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const unsigned = {
    id: 'q9Xk2mN4pL7sT1vW3yZ5bA',
    storyId: 'tide-clock',
    chapterId: 'tide-clock-ch1',
    version: 2,
    sha256: 'd'.repeat(64),
    author: { id: 'author-1', displayName: 'Ada Quill' },
    issuedAt: '2026-05-06T07:08:09.123Z',
    algorithm: 'Ed25519',
    keyId: key.keyId,
    ...fields,
  };
  return { ...unsigned, signature: key.sign(canonicalJson(unsigned)) };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'storyverse-certificate-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run certificate -- verify', () => {
  it('exits 0 and says what a valid certificate proves, checked against a PEM public key file', async () => {
    const run = await runCli(['verify', file('good.json', certificateBy(signer)), '--key', file('signer.pem', signer.publicKeyPem)]);
    expect(run).toEqual({
      code: 0,
      stdout: `valid: certificate q9Xk2mN4pL7sT1vW3yZ5bA: Ada Quill (author-1) published version 2 of chapter tide-clock-ch1 of story tide-clock, sha256 ${'d'.repeat(64)}, at 2026-05-06T07:08:09.123Z; signed by key ${signer.keyId}`,
      stderr: '',
    });
  });

  it('exits 1 and says why a tampered certificate fails', async () => {
    const key = file('signer.pem', signer.publicKeyPem);
    const [tampered, forged, mangled, partial, other] = await Promise.all([
      runCli(['verify', file('tampered.json', { ...certificateBy(signer), sha256: 'e'.repeat(64) }), '--key', key]),
      runCli(['verify', file('forged.json', certificateBy(rotated, { keyId: signer.keyId })), '--key', key]),
      runCli(['verify', file('mangled.json', { ...certificateBy(signer), signature: 'abc' }), '--key', key]),
      runCli(['verify', file('partial.json', { id: 'x', storyId: 'tide-clock' }), '--key', key]),
      runCli(['verify', file('rotated.json', certificateBy(rotated)), '--key', key]),
    ]);
    expect(tampered).toEqual({
      code: 1,
      stdout: `INVALID: the signature does not match: the signed fields were changed after signing (id, storyId, chapterId, version, sha256, author, issuedAt…), or it was not signed by key ${signer.keyId}`,
      stderr: '',
    });
    expect(forged).toMatchObject({ code: 1, stdout: expect.stringMatching(/^INVALID: the signature does not match/) });
    expect(mangled).toMatchObject({ code: 1, stdout: 'INVALID: malformed signature: it is not the base64 text of a 64-byte Ed25519 signature' });
    expect(partial).toMatchObject({ code: 1, stdout: expect.stringMatching(/^INVALID: not a certificate: chapterId is missing; version is missing;/) });
    expect(other).toMatchObject({ code: 1, stdout: `INVALID: unknown key: the certificate says it was signed by key ${rotated.keyId}, which is not among the known keys (${signer.keyId}); fetch them from GET /v1/certificates/keys` });
  }, 60_000);

  it('checks against a saved GET /v1/certificates/keys answer: every key that ever signed', async () => {
    const keys = file('keys.json', { keys: [signer, rotated].map((k) => ({ keyId: k.keyId, algorithm: 'Ed25519', publicKeyPem: k.publicKeyPem })) });
    const runs = await Promise.all([
      runCli(['verify', file('old.json', certificateBy(signer)), '--keys', keys]),
      runCli(['verify', file('new.json', certificateBy(rotated)), '--keys', keys]),
      runCli(['verify', file('bad.json', { ...certificateBy(rotated), version: 3 }), '--keys', keys]),
    ]);
    expect(runs.map((run) => run.code)).toEqual([0, 0, 1]);
  }, 60_000);

  it('without --key or --keys, checks against the server\'s own key: CERTIFICATE_SIGNING_KEY, else the one in DATA_DIR', async () => {
    const dataDir = join(dir, 'data');
    const serverKey = resolveSigningKey(undefined, dataDir);
    const signed = file('by-server.json', certificateBy(serverKey));
    const empty = join(dir, 'empty-data');
    mkdirSync(empty);
    const [fromDataDir, configuredWins, configured, none] = await Promise.all([
      runCli(['verify', signed], { DATA_DIR: dataDir }),
      runCli(['verify', signed], { DATA_DIR: dataDir, CERTIFICATE_SIGNING_KEY: signer.toPem() }),
      runCli(['verify', file('by-signer.json', certificateBy(signer))], { CERTIFICATE_SIGNING_KEY: signer.toPem() }),
      runCli(['verify', signed], { DATA_DIR: empty }),
    ]);
    expect(fromDataDir).toMatchObject({ code: 0, stdout: expect.stringMatching(/^valid: /) });
    expect(configuredWins).toMatchObject({ code: 1, stdout: expect.stringMatching(/^INVALID: unknown key/) });
    expect(configured).toMatchObject({ code: 0 });
    expect(none).toEqual({ code: 2, stdout: '', stderr: `there is no signing key in DATA_DIR (${empty}): pass --key <public.pem> or --keys <keys.json>, or set DATA_DIR` });
  }, 60_000);

  it('reads relative paths from where `npm run certificate` was typed', async () => {
    file('here.json', certificateBy(signer));
    file('here.pem', signer.publicKeyPem);
    expect(await runCli(['verify', 'here.json', '--key', 'here.pem'], { npm_lifecycle_event: 'certificate', INIT_CWD: dir })).toMatchObject({ code: 0 });
  });

  it('exits 2 with a message on a usage or file error', async () => {
    const key = file('signer.pem', signer.publicKeyPem);
    const missing = join(dir, 'missing.json');
    const [usage, help, noFile, badConfig] = await Promise.all([
      runCli([]),
      runCli(['--help']),
      runCli(['verify', missing, '--key', key]),
      runCli(['verify', file('good.json', certificateBy(signer))], { CERTIFICATE_SIGNING_KEY: 'nonsense' }),
    ]);
    expect(usage).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^usage: npm run certificate -- verify <certificate.json> \[--key <public.pem>\] \[--keys <keys.json>\]/) });
    expect(help).toMatchObject({ code: 0, stdout: expect.stringMatching(/^usage: /) });
    expect(noFile).toEqual({ code: 2, stdout: '', stderr: `cannot read the certificate file ${missing}: no such file` });
    expect(badConfig).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^Invalid configuration: CERTIFICATE_SIGNING_KEY must be a PKCS#8 PEM Ed25519 private key/) });
  }, 60_000);

  // The rest of the command line's mistakes, in-process (the same function the script runs; a spawn costs seconds).
  it.each<[string, string[], string | RegExp]>([
    ['an unknown command', ['check', 'good.json'], /^unknown command "check"/],
    ['an unknown option', ['verify', 'good.json', '--force'], /^unknown option --force/],
    ['--key without a file', ['verify', 'good.json', '--key'], /^--key needs a file/],
    ['no certificate file', ['verify', '--key', 'signer.pem'], /^name one certificate file \(got 0\)/],
    ['two certificate files', ['verify', 'good.json', 'good.json', '--key', 'signer.pem'], /^name one certificate file \(got 2\)/],
    ['a certificate file that is not JSON', ['verify', 'not.json', '--key', 'signer.pem'], /^the certificate file .*not\.json is not JSON/],
    ['an RSA key', ['verify', 'good.json', '--key', 'rsa.pem'], /^the key file .*rsa\.pem is a key of type rsa, not Ed25519$/],
    ['a key file that is no key', ['verify', 'good.json', '--key', 'good.json'], /is not a PEM public key/],
    ['a keys file of another shape', ['verify', 'good.json', '--keys', 'wrong-keys.json'], /is not a GET \/v1\/certificates\/keys answer/],
    ['a keys file with a bad entry', ['verify', 'good.json', '--keys', 'bad-entry-keys.json'], /keys\[0\] has no publicKeyPem/],
  ])('exits 2 on %s', (_what, args, message) => {
    file('good.json', certificateBy(signer));
    file('signer.pem', signer.publicKeyPem);
    file('not.json', '{"id": ');
    file('rsa.pem', RSA_PUBLIC_PEM);
    file('wrong-keys.json', { items: [] });
    file('bad-entry-keys.json', { keys: [{ keyId: 'x' }] });
    const out: string[] = [];
    const err: string[] = [];
    const code = runCertificateCli(args, { out: (line) => out.push(line), err: (line) => err.push(line), cwd: dir, env: {} });
    expect({ code, out }).toEqual({ code: 2, out: [] });
    expect(err.join('\n')).toMatch(message);
  });
});
