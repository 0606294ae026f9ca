import type { Operation } from '../prism-server.js';

/** A request as an operation handler sees it: already routed and validated by Prism. */
export interface EmulatedRequest {
  /** Path parameters by name, decoded. */
  readonly path: Readonly<Record<string, string>>;
  /** Query parameters the operation declares, typed by their schema, with the spec's defaults. */
  readonly query: Readonly<Record<string, string | number | boolean | undefined>>;
  /** The decoded JSON body, or undefined without one. */
  readonly body: unknown;
  /** The URL the client called (the mock's public address), for the links of a page. */
  readonly url: URL;
}

/** What a handler answers: a status the operation declares, and its body. */
export interface EmulatedResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Answers one operation, by its operationId. */
export type OperationHandler = (request: EmulatedRequest) => EmulatedResponse;

/** A resource the emulator holds in memory: its handlers and a way back to its first state. */
export interface EmulatedResource {
  /** Handlers by the operationId of the spec they answer. */
  readonly handlers: Readonly<Record<string, OperationHandler>>;
  /** Forgets every change: back to the state the mock starts with. */
  reset(): void;
}

/** What a resource is made from: the operations of the spec the mock serves. */
export interface ResourceContext {
  /** The operation with this operationId; throws when the spec has none. */
  operation(operationId: string): Operation;
  /** The current time. */
  now(): Date;
}

/** Makes a resource; called once per mock. */
export type ResourceFactory = (context: ResourceContext) => EmulatedResource;
