import type { Certificate } from '../../../api/index';

/**
 * `certificate-<chapterId>-v<version>.json`. Chapter ids never hold `/` or `\` (FORMAT.md), but may
 * hold characters some file systems refuse (`:` `*` `?` …): those become `-` so the saved name is
 * the one the writer was promised on every system.
 */
export function certificateFileName(certificate: Pick<Certificate, 'chapterId' | 'version'>): string {
  const chapter = [...certificate.chapterId].map((char) => (UNSAFE_IN_FILE_NAMES.includes(char) || isControl(char) ? '-' : char)).join('');
  return `certificate-${chapter}-v${certificate.version}.json`;
}

const UNSAFE_IN_FILE_NAMES = '<>:"/\\|?*';

function isControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

/**
 * The certificate as a file: every field the server sent, untouched (the signature covers them all),
 * indented for reading. Verifiers sign-check the canonical form, so the layout does not matter.
 */
export function certificateFileText(certificate: Certificate): string {
  return `${JSON.stringify(certificate, null, 2)}\n`;
}
