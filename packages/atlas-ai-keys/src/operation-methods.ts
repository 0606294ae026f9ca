import type {
  OPERATIONS,
  OperationId,
  PathParams,
  QueryParams,
  RequestBody,
  ResourceOperations,
  SuccessBody,
} from '@org/atlas-types';
import type { AtlasPromise } from './atlas-promise.js';
import type { RequestOptions } from './options.js';
import type { PagePromise } from './page-promise.js';

/** `T`, or no constraint at all when `T` is `never` (an operation without query parameters, say). */
type Present<T> = [T] extends [never] ? unknown : T;

/** Flattens an intersection so editors show one object type. */
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The parameters and body fields the client fills in when they are left out: those the spec
 * declares an `x-client-default` for, whatever their allowed values.
 */
type DefaultedNames<Op extends OperationId> = (typeof OPERATIONS)[Op] extends {
  readonly defaults: infer Defaults;
}
  ? keyof Defaults
  : never;

/** `T` with the keys `K` made optional; their types, every allowed value, are kept. */
type OptionalKeys<T, K extends PropertyKey> = Omit<T, K> & Partial<Pick<T, K & keyof T>>;

/**
 * A method's one flat params object: path ids, query flags and body fields side by side, those
 * with a declared default optional.
 */
export type OperationParams<Op extends OperationId> = Simplify<
  OptionalKeys<
    Present<PathParams<Op>> & Present<QueryParams<Op>> & Present<RequestBody<Op>>,
    DefaultedNames<Op>
  >
>;

/** What a method returns: a `PagePromise` for a list, else an `AtlasPromise` of the body (void for 204). */
export type OperationResult<Op extends OperationId> = (typeof OPERATIONS)[Op] extends {
  readonly paginated: true;
}
  ? PagePromise<Extract<SuccessBody<Op>, { readonly results: readonly unknown[] }>>
  : AtlasPromise<SuccessBody<Op> extends undefined ? void : SuccessBody<Op>>;

/**
 * One resource group's methods: each takes the flat params of the operation its member of
 * `ResourceOperations` names, checked against the spec's rules before any request.
 */
export type ResourceGroup<Methods extends Record<string, OperationId>> = {
  // note: a mapped type over the generated members keeps their doc comments (the summary, the
  // route, the roles and the reference page), so editors show them on each method.
  readonly [M in keyof Methods]: (
    params: OperationParams<Methods[M]>,
    options?: RequestOptions,
  ) => OperationResult<Methods[M]>;
};

/** Every resource group of the spec, each named by its tag's `x-client-resource`. */
export type ResourceMethods = {
  readonly [R in keyof ResourceOperations]: ResourceGroup<ResourceOperations[R]>;
};
