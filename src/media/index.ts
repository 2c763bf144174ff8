/** Media utilities the gateway uses at request time: decode, sniff, measure and encode. */
export { MediaError, type MediaErrorCode } from './media-error.js';
export {
  decodeMediaString,
  type DecodedMedia,
  type DecodeMediaOptions,
  type MediaStringForm,
} from './decode-media-string.js';
export { encodeMediaForUpstream, type UpstreamMediaEncoding } from './encode-media.js';
export {
  inspectMedia,
  readImageDimensions,
  sniffMediaType,
  type ImageDimensions,
  type MediaInspection,
} from './inspect-media.js';
