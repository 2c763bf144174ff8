import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';

/** Facts read from media bytes, never from what the sender claimed. */
export interface MediaInspection {
  /** The type found by magic numbers, such as `image/png`; undefined when nothing matched. */
  mediaType: string | undefined;
  byteSize: number;
  width?: number;
  height?: number;
}

export interface ImageDimensions {
  width: number;
  height: number;
}

/** image-size's names for the formats whose dimensions are read, keyed by media type. */
const IMAGE_SIZE_TYPES: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/apng': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/**
 * Detects the media type of `bytes` from their magic numbers with `file-type`, ignoring any
 * declared Content-Type. Animated WebP is reported as `image/webp`; ISO base media files as
 * `video/mp4` or `video/quicktime` by their `ftyp` brand.
 *
 * Resolves to the media type, or undefined when the bytes match no known format.
 * Does not throw for unknown bytes.
 */
export async function sniffMediaType(bytes: Uint8Array): Promise<string | undefined> {
  const result = await fileTypeFromBuffer(bytes);
  return result?.mime;
}

/**
 * Reads the pixel size of an image from its header with `image-size`. For animated WebP this
 * is the VP8X canvas size.
 *
 * Returns undefined when `mediaType` is not PNG, JPEG, WebP or GIF, when the bytes are of a
 * different format than `mediaType`, or when the header is unreadable. Does not throw.
 */
export function readImageDimensions(bytes: Uint8Array, mediaType: string): ImageDimensions | undefined {
  const expectedType = IMAGE_SIZE_TYPES[mediaType];
  if (expectedType === undefined) {
    return undefined;
  }

  try {
    const size = imageSize(bytes);
    if (size.type !== expectedType) {
      return undefined;
    }
    return { width: size.width, height: size.height };
  } catch {
    // image-size throws TypeError for headers it cannot parse; for callers that is "unknown".
    return undefined;
  }
}

/**
 * Inspects media bytes: detected type, byte size, and pixel size for images.
 *
 * Resolves to the inspection; `mediaType` is undefined for unrecognised bytes. Does not throw.
 */
export async function inspectMedia(bytes: Uint8Array): Promise<MediaInspection> {
  const mediaType = await sniffMediaType(bytes);
  const inspection: MediaInspection = { mediaType, byteSize: bytes.byteLength };
  if (mediaType === undefined) {
    return inspection;
  }

  const dimensions = readImageDimensions(bytes, mediaType);
  if (dimensions !== undefined) {
    inspection.width = dimensions.width;
    inspection.height = dimensions.height;
  }
  return inspection;
}
