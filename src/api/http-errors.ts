import { MsezError, type ErrorCode } from '../core/index.js';

/** The body of every error response (spec/api.md §3). */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details: Readonly<Record<string, unknown>> };
}

/**
 * HTTP status for codes whose meaning is sharper than their exit-code family. Every other code falls back
 * by family (D5): exit 2 → 422, exit 1 → 422, exit 3 → 500 (spec/api.md §3).
 */
const STATUS: Partial<Record<ErrorCode, number>> = {
  // the request could not be read at all
  JSON_SYNTAX: 400,
  FLOAT_REJECTED: 400,
  UNSAFE_INTEGER: 400,
  LONE_SURROGATE: 400,
  DUPLICATE_KEY: 400,
  NON_STRING_KEY: 400,
  USAGE: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  FILE_NOT_FOUND: 404,
  ARTIFACT_NOT_FOUND: 404,
  MODULE_NOT_FOUND: 404,
  PROFILE_NOT_FOUND: 404,
  // the request is well-formed but clashes with the current state
  CONFLICT: 409,
  DUPLICATE_ID: 409,
  INVALID_TRANSITION: 409,
  INVALID_STATE: 409,
  CHAIN_BROKEN: 409,
  FORK_DETECTED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  DB_ERROR: 503,
  IO_ERROR: 503,
  NOT_READY: 503,
};

/** The HTTP status an MsezError maps to. */
export function httpStatusOf(err: MsezError): number {
  const direct = STATUS[err.code];
  if (direct !== undefined) return direct;
  switch (err.exitCode) {
    case 1:
    case 2:
      return 422;
    case 3:
      return 500;
  }
}

/** `{"error":{code,message,details}}`; internal errors never carry their cause or stack. */
export function errorBody(err: MsezError): ErrorBody {
  if (err.code === 'INTERNAL') return { error: { code: 'INTERNAL', message: 'internal error', details: {} } };
  return { error: { code: err.code, message: err.message, details: err.details } };
}

interface FastifyLikeError {
  readonly code?: unknown;
  readonly statusCode?: unknown;
  readonly message?: unknown;
}

/**
 * Anything thrown inside the server → an MsezError. Fastify's own errors are recognised by their `FST_*`
 * code: body too large (413), unsupported media type (415), an unparsable body (400). Everything else is
 * INTERNAL (500) and its message is not shown to the client.
 */
export function toApiError(err: unknown): MsezError {
  if (err instanceof MsezError) return err;
  const e = (err ?? {}) as FastifyLikeError;
  const code = typeof e.code === 'string' ? e.code : '';
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new MsezError('PAYLOAD_TOO_LARGE', 'request body is larger than the limit', {});
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new MsezError('UNSUPPORTED_MEDIA_TYPE', 'request bodies must be application/json', {});
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new MsezError('JSON_SYNTAX', 'request body is not valid JSON', {});
    default:
      break;
  }
  // Node's HTTP parser errors and other 4xx raised by fastify itself keep their status family.
  if (typeof e.statusCode === 'number' && e.statusCode === 413) return new MsezError('PAYLOAD_TOO_LARGE', 'request body is larger than the limit', {});
  return new MsezError('INTERNAL', 'internal error', {}, { cause: err });
}
