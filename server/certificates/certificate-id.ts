import { randomBytes } from 'node:crypto';

/** 128 random bits, base64url: unguessable, URL-safe, and fixed length so a malformed id is told at once. */
export const CERTIFICATE_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function newCertificateId(): string {
  return randomBytes(16).toString('base64url');
}
