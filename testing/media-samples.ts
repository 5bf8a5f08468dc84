/**
 * Tiny but real files of each media type the studio accepts, built byte by byte from their formats
 * (nothing binary is checked in): a 1×1 PNG, a 1×1 grey baseline JPEG, a 1×1 lossless WebP, three
 * silent MP3 frames (bare, or behind an ID3v2 tag) and an Ogg page carrying an Opus header.
 */
import { deflateSync } from 'node:zlib';

const u32be = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

/** CRC-32 as PNG computes it (reflected, polynomial 0xEDB88320). */
function pngCrc(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32be(data.length), typed, u32be(pngCrc(typed))]);
}

/** A 1×1 opaque red PNG (8-bit RGB). */
export function tinyPng(): Buffer {
  const header = Buffer.concat([u32be(1), u32be(1), Buffer.from([8, 2, 0, 0, 0])]);
  const pixels = deflateSync(Buffer.from([0, 0xcc, 0x33, 0x33])); // filter byte 0, then R G B
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', pixels), pngChunk('IEND', Buffer.alloc(0))]);
}

const marker = (code: number, body: Buffer) => Buffer.concat([Buffer.from([0xff, code]), Buffer.from([(body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);

/**
 * A 1×1 grey baseline JPEG: one quantisation table of ones, Huffman tables with a single 1-bit
 * code each (DC category 0, AC end-of-block), and a scan of those two codes padded with ones.
 */
export function tinyJpeg(): Buffer {
  const jfif = marker(0xe0, Buffer.from([...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 0, 0]));
  const quantisation = marker(0xdb, Buffer.from([0x00, ...new Array<number>(64).fill(1)]));
  const frame = marker(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
  const oneCode = (tableClassAndId: number) => marker(0xc4, Buffer.from([tableClassAndId, 1, ...new Array<number>(15).fill(0), 0x00]));
  const scan = marker(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0]));
  return Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, quantisation, frame, oneCode(0x00), oneCode(0x10), scan, Buffer.from([0x3f]), Buffer.from([0xff, 0xd9])]);
}

/** A 1×1 lossless WebP (RIFF/WEBP with one VP8L chunk). */
export function tinyWebp(): Buffer {
  return Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
}

/** Three silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz: 417 bytes each), optionally after an empty ID3v2.3 tag. */
export function tinyMp3(options: { id3?: boolean } = {}): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  const frames = Buffer.concat([frame, frame, frame]);
  return options.id3 ? Buffer.concat([Buffer.from([...Buffer.from('ID3', 'latin1'), 3, 0, 0, 0, 0, 0, 0]), frames]) : frames;
}

/** CRC-32 as Ogg computes it (not reflected, polynomial 0x04C11DB7, starting at 0). */
function oggCrc(bytes: Buffer): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 24;
    for (let k = 0; k < 8; k++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return crc >>> 0;
}

/** The first page of an Ogg Opus stream: beginning-of-stream, one packet, the OpusHead header. */
export function tinyOgg(): Buffer {
  const opusHead = Buffer.concat([Buffer.from('OpusHead', 'latin1'), Buffer.from([1, 1, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0])]);
  const page = Buffer.concat([Buffer.from('OggS', 'latin1'), Buffer.from([0, 0x02]), Buffer.alloc(8), Buffer.from([0x53, 0x56, 0x00, 0x01]), Buffer.alloc(4), Buffer.alloc(4), Buffer.from([1, opusHead.length]), opusHead]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}
