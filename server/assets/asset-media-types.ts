/** An upload's media type as the studio takes it: the extensions its path may end in and how its bytes begin. */
export interface AssetMediaType {
  contentType: string;
  extensions: readonly string[];
  /** Whether the bytes start as a file of this type does (its magic number). */
  matches(bytes: Buffer): boolean;
}

const startsWith = (bytes: Buffer, signature: number[], at = 0) => signature.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * An MPEG audio frame header: 11 sync bits, then a version that is not "reserved" (01) and a layer
 * that is not "reserved" (00) — which also tells it from a JPEG (FF D8) and from ADTS AAC (layer 00).
 */
function mpegFrameHeader(bytes: Buffer): boolean {
  const [first, second] = [bytes[0], bytes[1]];
  if (first !== 0xff || second === undefined || (second & 0xe0) !== 0xe0) return false;
  return (second & 0x18) !== 0x08 && (second & 0x06) !== 0x00;
}

/** The only types the studio accepts: raster images and compressed audio a browser plays as is. */
export const ASSET_MEDIA_TYPES: readonly AssetMediaType[] = [
  { contentType: 'image/png', extensions: ['.png'], matches: (b) => startsWith(b, [0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a]) },
  { contentType: 'image/jpeg', extensions: ['.jpg', '.jpeg'], matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { contentType: 'image/webp', extensions: ['.webp'], matches: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
  // An MP3 opens with an ID3v2 tag or straight with a frame.
  { contentType: 'audio/mpeg', extensions: ['.mp3'], matches: (b) => startsWith(b, ascii('ID3')) || mpegFrameHeader(b) },
  { contentType: 'audio/ogg', extensions: ['.ogg', '.oga'], matches: (b) => startsWith(b, ascii('OggS')) },
];

export const ACCEPTED_CONTENT_TYPES: readonly string[] = ASSET_MEDIA_TYPES.map((type) => type.contentType);

/** The accepted type a Content-Type header names (parameters and case ignored), if any. */
export function assetMediaType(contentType: string | undefined): AssetMediaType | undefined {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  return ASSET_MEDIA_TYPES.find((type) => type.contentType === essence);
}
