import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { matchMaker } from '@colyseus/core';
import type { RequestHandler } from 'express';
import helmet, { contentSecurityPolicy, strictTransportSecurity } from 'helmet';

type Directives = Record<string, Iterable<string>>;

/**
 * The web client's policy: its own scripts, styles, images, media, fonts and room sockets, nothing
 * inline but the exact stylesheets hashed in `inlineStyleHashes`, and no framing. `connect-src 'self'`
 * covers the same-origin ws:/wss: room sockets (CSP Level 3, Chromium checked in client/e2e);
 * `data:` images are the shell's CSS icons; `blob:` images and workers are PixiJS's texture loading
 * for raster art (it decodes in a worker made from a blob: URL; the shipped SVG art does not need it).
 * A cluster whose game processes are reached directly adds their ws:/wss: origins to `connect-src`.
 * No `upgrade-insecure-requests`: the cluster's nginx serves plain HTTP.
 */
function clientDirectives(inlineStyleHashes: string[], roomSocketOrigins: string[]): Directives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", ...inlineStyleHashes],
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'"],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...roomSocketOrigins],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/**
 * The @colyseus/monitor panel (/admin, behind ADMIN_TOKEN) is a prebuilt Material-UI bundle that
 * injects <style> elements and loads Google's icon font: only there are inline styles and those
 * two font hosts allowed. Scripts stay 'self'.
 */
function adminDirectives(client: Directives): Directives {
  return {
    ...client,
    'style-src': ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
    'font-src': ["'self'", 'https://fonts.gstatic.com'],
  };
}

const ADMIN_PREFIX = '/admin';
/** A year, as browsers' preload lists expect; sent only on answers that came over TLS. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 3600;

/** The CSP source for one exact inline stylesheet (the text between <style> and </style>). */
export function styleHash(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

export interface SecurityHeadersOptions {
  /** Whether X-Forwarded-Proto from the proxy in front may say the request came over TLS. */
  trustProxy: boolean;
  /** Inline stylesheets our own server-rendered pages carry (the sandbox checkout page). */
  inlineStyles?: string[];
  /** Room sockets on other origins than the page's (ROOM_SOCKET_ORIGINS). */
  roomSocketOrigins?: string[];
}

/**
 * helmet's headers on every answer: the CSP above, nosniff, `Referrer-Policy: strict-origin-when-cross-origin`,
 * `Cross-Origin-Opener-Policy: same-origin`, no framing, and HSTS only when the request reached us
 * (or the trusted proxy) over TLS — over plain HTTP it would be ignored at best.
 */
export function securityHeaders(options: SecurityHeadersOptions): RequestHandler {
  const common = helmet(commonOptions());
  const client = clientDirectives((options.inlineStyles ?? []).map(styleHash), options.roomSocketOrigins ?? []);
  const clientPolicy = contentSecurityPolicy({ useDefaults: false, directives: client });
  const adminPolicy = contentSecurityPolicy({ useDefaults: false, directives: adminDirectives(client) });
  const hsts = strictTransportSecurity({ maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true });
  return (req, res, next) => {
    common(req, res, () => {
      const policy = req.path === ADMIN_PREFIX || req.path.startsWith(`${ADMIN_PREFIX}/`) ? adminPolicy : clientPolicy;
      policy(req, res, (error?: unknown) => {
        if (error) return next(error);
        if (servedOverTls(req, options.trustProxy)) hsts(req, res, next);
        else next();
      });
    });
  };
}

function commonOptions(): Parameters<typeof helmet>[0] {
  return {
    contentSecurityPolicy: false,
    strictTransportSecurity: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    // Not no-referrer: under it Chromium sends `Origin: null` with the sandbox page's same-origin form
    // POSTs, and the payments router builds its redirect from that Origin.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'deny' },
  };
}

/**
 * Decided here rather than by Express's `req.secure`: uwebsockets-express's request does not carry
 * Express's request getters, and the same rule must hold on both transports.
 */
function servedOverTls(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as TLSSocket | undefined)?.encrypted === true) return true;
  if (!trustProxy) return false;
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}

/**
 * Colyseus answers POST/OPTIONS /matchmake/* itself, ahead of Express, on both transports; its only
 * hook into those answers is the controller's CORS-header function. Add the client policy's helmet
 * headers there (taken once from helmet, not restated). No HSTS: the origin's pages carry it. The
 * matchmaker is the process's one: the latest server composed in it sets the headers (tests compose several).
 */
export function secureMatchmakingAnswers(options: SecurityHeadersOptions): void {
  const controller = matchMaker.controller as { getCorsHeaders(req: unknown): Record<string, string>; securityHeaders?: Record<string, string> };
  const wrapped = controller.securityHeaders !== undefined;
  controller.securityHeaders = headersSetBy(securityHeaders({ ...options, trustProxy: false }));
  if (wrapped) return;
  const cors = controller.getCorsHeaders;
  controller.getCorsHeaders = function withSecurityHeaders(this: unknown, req: unknown) {
    return { ...controller.securityHeaders, ...cors.call(this, req) };
  };
}

/** Runs a header middleware against a recording response: the headers it sets on a plain request. */
function headersSetBy(middleware: RequestHandler): Record<string, string> {
  const headers: Record<string, string> = {};
  const req = { method: 'POST', url: '/matchmake/', path: '/matchmake/', headers: {}, socket: {} } as unknown as Parameters<RequestHandler>[0];
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => { headers[name] = String(value); },
    removeHeader: (name: string) => { delete headers[name]; },
    getHeader: (name: string) => headers[name],
  } as unknown as ServerResponse as Parameters<RequestHandler>[1];
  let done = false;
  middleware(req, res, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  if (!done) throw new Error('the security-header middleware did not finish synchronously');
  return headers;
}
