import type { NextFunction, Response } from 'express';
import { assetContentType } from './asset-content-type';
import type { ApiError } from '../http/api-error';

const ONE_DAY = 'public, max-age=86400';

// Content files are written by creators; an SVG opened directly must not run script on our origin.
const CONTENT_FILE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
};

/**
 * Sends a file of CONTENT_DIR that the content references (the caller checked), cached for a day
 * and sandboxed; `notFound` when it cannot be read.
 */
export function sendContentFile(res: Response, file: string, next: NextFunction, notFound: ApiError): void {
  const headers = { ...CONTENT_FILE_HEADERS, 'Content-Type': assetContentType(file), 'Cache-Control': ONE_DAY };
  // Set up front: uwebsockets-express's sendFile ignores the `headers` option.
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  // dotfiles: the path is already allow-listed, and a dot folder above the content dir must not hide it.
  res.sendFile(file, { dotfiles: 'allow' }, (error?: Error) => {
    if (error && !res.headersSent) next(notFound);
  });
}
