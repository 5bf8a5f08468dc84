import { describe, expect, it } from 'vitest';
import type { Certificate } from '../../../api/index';
import { certificateFileName, certificateFileText } from './certificate-file';

const certificate: Certificate = {
  id: 'cert-1',
  storyId: 'harbor-bells',
  chapterId: 'harbor-bells-ch1',
  version: 3,
  sha256: 'ab'.repeat(32),
  author: { id: 'u1', displayName: 'Ada' },
  issuedAt: '2026-11-22T10:00:00.000Z',
  algorithm: 'Ed25519',
  keyId: 'k1',
  signature: 'c2ln',
};

describe('the certificate file', () => {
  it('is named after the chapter and version', () => {
    expect(certificateFileName(certificate)).toBe('certificate-harbor-bells-ch1-v3.json');
  });

  it('keeps the name safe on every file system', () => {
    expect(certificateFileName({ chapterId: 'ch:1*?"<>|', version: 1 })).toBe('certificate-ch-1-------v1.json');
    expect(certificateFileName({ chapterId: 'ch\u00011', version: 2 })).toBe('certificate-ch-1-v2.json');
  });

  it('holds every field the server sent, unchanged', () => {
    const withMore = { ...certificate, extra: { nested: true } } as Certificate;
    expect(JSON.parse(certificateFileText(withMore))).toEqual(withMore);
  });
});
