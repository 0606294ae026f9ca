/** The body Atlas sends for `envelope=true`: the status and the resource, side by side. */
interface Envelope {
  readonly status: number;
  readonly content: unknown;
}

/** Whether a decoded body is an Atlas envelope rather than the resource itself. */
export function isEnvelope(body: unknown): body is Envelope {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { status?: unknown }).status === 'number' &&
    'content' in body
  );
}

/** The resource a decoded body carries: an envelope's `content`, or the body itself. */
export function envelopeContent(body: unknown): unknown {
  return isEnvelope(body) ? body.content : body;
}
