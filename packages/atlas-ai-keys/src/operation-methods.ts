import type {
  OPERATIONS,
  OperationId,
  PathParams,
  QueryParams,
  RequestBody,
  SuccessBody,
} from '@org/atlas-types';
import type { AtlasPromise } from './atlas-promise.js';
import type { RequestOptions } from './options.js';
import type { PagePromise } from './page-promise.js';

/** `T`, or no constraint at all when `T` is `never` (an operation without query parameters, say). */
type Present<T> = [T] extends [never] ? unknown : T;

/** Flattens an intersection so editors show one object type. */
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The body fields the client fills in when they are left out (a required field with one allowed value). */
type DefaultedFields<Op extends OperationId> = (typeof OPERATIONS)[Op] extends {
  readonly body: { readonly defaults: infer Defaults };
}
  ? keyof Defaults
  : never;

/** The body fields of an operation as a method takes them: defaulted ones optional. */
type BodyParams<Op extends OperationId> = [RequestBody<Op>] extends [never]
  ? unknown
  : Omit<RequestBody<Op>, DefaultedFields<Op>> &
      Partial<Pick<RequestBody<Op>, DefaultedFields<Op> & keyof RequestBody<Op>>>;

/** A method's one flat params object: path ids, query flags and body fields side by side. */
export type OperationParams<Op extends OperationId> = Simplify<
  Present<PathParams<Op>> & Present<QueryParams<Op>> & BodyParams<Op>
>;

/** What a method returns: a `PagePromise` for a list, else an `AtlasPromise` of the body (void for 204). */
export type OperationResult<Op extends OperationId> = (typeof OPERATIONS)[Op] extends {
  readonly paginated: true;
}
  ? PagePromise<Extract<SuccessBody<Op>, { readonly results: readonly unknown[] }>>
  : AtlasPromise<SuccessBody<Op> extends undefined ? void : SuccessBody<Op>>;

/**
 * One method per operation of the spec, named by its operationId; parameters are checked against
 * the spec's rules before any request.
 */
export type OperationMethods = {
  readonly [Op in OperationId]: (
    params: OperationParams<Op>,
    options?: RequestOptions,
  ) => OperationResult<Op>;
};
