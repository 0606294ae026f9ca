import type { ApiError, BadRequestDetail } from '@org/atlas-types';

/** The request an error came from: method and path only, never headers or credentials. */
export interface AtlasRequestSummary {
  /** HTTP method, upper case. */
  readonly method: string;
  /** Path and query of the request, without origin or userinfo. */
  readonly path: string;
}

/**
 * Error codes Atlas is known to send; `isAtlasErrorCode` and `errorCode` offer them to editors
 * while accepting any other code.
 */
export type AtlasErrorCode =
  | 'RESOURCE_NOT_FOUND'
  | 'GROUP_NOT_FOUND'
  | 'NOT_IN_GROUP'
  | 'VALIDATION_ERROR'
  | 'BAD_REQUEST'
  | 'RATE_LIMITED'
  | 'RATE_LIMITED_TOKEN_BUCKET'
  | 'UNEXPECTED_ERROR'
  | 'SERVICE_UNAVAILABLE'
  | 'INVALID_VERSION_DATE'
  | 'VERSION_GONE';

/** A known Atlas error code, or any other string (the `string & {}` keeps the known ones in completions). */
export type AtlasErrorCodeLike = AtlasErrorCode | (string & {});

/** Base class of every error this package throws. */
export class AtlasError extends Error {
  /**
   * Name, message and the error's own fields, so that logging an error as JSON keeps what it
   * says; the fields never hold credentials.
   */
  toJSON(): { name: string; message: string; [field: string]: unknown } {
    // note: an Error's message is not enumerable, so copying the fields alone would drop it.
    return Object.assign({ name: this.name, message: this.message }, this as object);
  }
}

/** An argument or option was invalid; thrown before any request is made. */
export class AtlasValidationError extends AtlasError {
  /** The argument, option or environment variable that was invalid. */
  declare readonly field: string;
  /** What the field must be. */
  declare readonly expected: string;
  /** What was received instead, as the message describes it (a secret by its kind only). */
  declare readonly received: string | undefined;

  constructor(field: string, expected: string, received?: string) {
    super(`${field} must be ${expected}${received === undefined ? '' : ` (received ${received})`}`);
    this.field = field;
    this.expected = expected;
    this.received = received;
  }
}

/** `value` when it is a string, else undefined: fields of an error body are not trusted. */
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * A copy of `headers` that also holds its entries as own properties, so that they show in
 * `util.inspect` (Node reports an uncaught error without custom inspectors, where Headers look
 * empty) and in JSON. Names that would hide a method, and cookies, are left to `get()`.
 */
function shown(headers: Headers): Headers {
  const copy = new Headers(headers);
  for (const [name, value] of copy) {
    if (!(name in copy) && name !== 'set-cookie') {
      Object.defineProperty(copy, name, { value, enumerable: true });
    }
  }
  return copy;
}

/** Fields of an `AtlasApiError`, as decoded from the response. */
export interface AtlasApiErrorInit {
  readonly status: number;
  readonly headers: Headers;
  readonly request: AtlasRequestSummary;
  readonly body: Partial<ApiError> | undefined;
  /** The start of a body that was not an Atlas error document. */
  readonly bodyExcerpt?: string;
  /** What to do about it, appended to the message. */
  readonly hint?: string | undefined;
}

/** The server answered with a non-2xx status (or a 2xx whose body could not be read). */
export class AtlasApiError extends AtlasError {
  /** HTTP status code. */
  declare readonly status: number;
  /** Atlas application error code, such as `RESOURCE_NOT_FOUND`; absent when the body had none. */
  declare readonly errorCode: AtlasErrorCodeLike | undefined;
  /** Why the request failed, in Atlas's words. */
  declare readonly detail: string | undefined;
  /** The HTTP reason phrase Atlas reports. */
  declare readonly reason: string | undefined;
  /** Values Atlas attaches to the error. */
  declare readonly parameters: readonly unknown[] | undefined;
  /** Field-level violations of a 400. */
  declare readonly badRequestDetail: BadRequestDetail | undefined;
  /** Response headers (rate-limit headers included); they also show in inspection and JSON. */
  declare readonly headers: Headers;
  /** Method and path of the failed request. */
  declare readonly request: AtlasRequestSummary;
  /** The start of the body when it was not an Atlas error document (an HTML page, say). */
  declare readonly bodyExcerpt: string | undefined;

  constructor(init: AtlasApiErrorInit) {
    const { status, body, request, bodyExcerpt } = init;
    const code = text(body?.errorCode);
    const detail = text(body?.detail);
    const summary = detail ?? (bodyExcerpt ? `unexpected body: ${bodyExcerpt}` : 'no error body');
    const hint = init.hint ? `; ${init.hint}` : '';
    super(
      `${status}${code ? ` ${code}` : ''} on ${request.method} ${request.path}: ${summary}${hint}`,
    );
    this.status = status;
    this.errorCode = code;
    this.detail = detail;
    this.reason = text(body?.reason);
    this.parameters = Array.isArray(body?.parameters) ? body.parameters : undefined;
    this.badRequestDetail = body?.badRequestDetail ?? undefined;
    this.headers = shown(init.headers);
    this.request = request;
    this.bodyExcerpt = bodyExcerpt;
  }
}

/** 400 Bad Request: see `badRequestDetail` for the fields at fault. */
export class AtlasBadRequestError extends AtlasApiError {}

/** 401 Unauthorized: credentials missing, wrong, or refused. */
export class AtlasUnauthorizedError extends AtlasApiError {}

/** 403 Forbidden: authenticated, but without the role the operation needs. */
export class AtlasForbiddenError extends AtlasApiError {}

/** 404 Not Found: the group or the key does not exist (or is not visible). */
export class AtlasNotFoundError extends AtlasApiError {}

/** 409 Conflict. */
export class AtlasConflictError extends AtlasApiError {}

/** 429 Too Many Requests, after the retries allowed were spent. */
export class AtlasRateLimitError extends AtlasApiError {
  /** How long the server asked to wait, from `Retry-After`; undefined when it did not say. */
  declare readonly retryAfterMs: number | undefined;

  constructor(init: AtlasApiErrorInit, retryAfterMs: number | undefined) {
    super(init);
    this.retryAfterMs = retryAfterMs;
  }
}

/** 5xx: the server failed, after the retries allowed were spent. */
export class AtlasServerError extends AtlasApiError {}

/** A 2xx response whose body was not the JSON document the spec promises. */
export class AtlasInvalidResponseError extends AtlasApiError {}

const CLASS_BY_STATUS: Readonly<Record<number, typeof AtlasApiError>> = {
  400: AtlasBadRequestError,
  401: AtlasUnauthorizedError,
  403: AtlasForbiddenError,
  404: AtlasNotFoundError,
  409: AtlasConflictError,
};

/** The error class of an answer's status other than 429 (which carries its `Retry-After`). */
export function apiErrorClassFor(status: number): typeof AtlasApiError {
  return status >= 500 ? AtlasServerError : (CLASS_BY_STATUS[status] ?? AtlasApiError);
}

/** Options of an `AtlasConnectionError`. */
export interface AtlasConnectionErrorOptions extends ErrorOptions {
  /** True when the request surely never reached the server; false by default. */
  readonly neverSent?: boolean;
}

/** The request never got a complete response: refused, reset, or cut off. */
export class AtlasConnectionError extends AtlasError {
  /** Method and path of the failed request. */
  declare readonly request: AtlasRequestSummary;
  /**
   * True when the failure came before the request was written (refused, no route, no such host,
   * connect timeout): the server never saw it, so even a create may be sent again. False when it
   * may have acted on it (a reset, a timeout while waiting for the answer).
   */
  declare readonly neverSent: boolean;

  constructor(
    request: AtlasRequestSummary,
    message: string,
    options: AtlasConnectionErrorOptions = {},
  ) {
    super(`${message} on ${request.method} ${request.path}`, options);
    this.request = request;
    this.neverSent = options.neverSent === true;
  }
}

/** The attempt took longer than `timeoutMs`. */
export class AtlasTimeoutError extends AtlasConnectionError {
  /** The timeout that ran out, in milliseconds. */
  declare readonly timeoutMs: number;

  constructor(request: AtlasRequestSummary, timeoutMs: number) {
    super(request, `timed out after ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's `AbortSignal` aborted the request. */
export class AtlasAbortError extends AtlasError {
  /** Method and path of the aborted request. */
  declare readonly request: AtlasRequestSummary;

  constructor(request: AtlasRequestSummary, options?: ErrorOptions) {
    super(`aborted by the caller: ${request.method} ${request.path}`, options);
    this.request = request;
  }
}

/** Fields of an `AtlasAuthError`. */
export interface AtlasAuthErrorInit {
  /** HTTP status of the token endpoint, when it answered. */
  readonly status?: number;
  /** OAuth 2.0 `error` code, such as `invalid_client`. */
  readonly oauthError?: string;
  /** OAuth 2.0 `error_description`. */
  readonly oauthErrorDescription?: string;
}

/**
 * Credentials could not be used: the service-account token endpoint refused or failed, or a Digest
 * challenge was refused (one without `qop=auth`, unless `allowRfc2069` is set).
 */
export class AtlasAuthError extends AtlasError {
  /** HTTP status of the token endpoint, when it answered. */
  declare readonly status: number | undefined;
  /** OAuth 2.0 `error` code, such as `invalid_client`. */
  declare readonly oauthError: string | undefined;
  /** OAuth 2.0 `error_description`. */
  declare readonly oauthErrorDescription: string | undefined;

  constructor(message: string, init: AtlasAuthErrorInit = {}, options?: ErrorOptions) {
    super(message, options);
    this.status = init.status;
    this.oauthError = init.oauthError;
    this.oauthErrorDescription = init.oauthErrorDescription;
  }
}

// note: each class is named after its key here, on its prototype (for `error.name`, the stack's
// first line and `toJSON()`): object keys survive minification, class names do not.
for (const [name, errorClass] of Object.entries({
  AtlasError,
  AtlasValidationError,
  AtlasApiError,
  AtlasBadRequestError,
  AtlasUnauthorizedError,
  AtlasForbiddenError,
  AtlasNotFoundError,
  AtlasConflictError,
  AtlasRateLimitError,
  AtlasServerError,
  AtlasInvalidResponseError,
  AtlasConnectionError,
  AtlasTimeoutError,
  AtlasAbortError,
  AtlasAuthError,
})) {
  errorClass.prototype.name = name;
}

/** True when `error` is an `AtlasApiError` with the given Atlas `errorCode`; editors offer the known codes. */
export function isAtlasErrorCode<const Code extends AtlasErrorCodeLike>(
  error: unknown,
  code: Code,
): error is AtlasApiError & { readonly errorCode: Code } {
  return error instanceof AtlasApiError && error.errorCode === code;
}
