import { keysResource } from './keys.js';
import { rateLimitsResource } from './rate-limits.js';
import type { ResourceFactory } from './resource.js';

/**
 * Every resource the emulator holds. Each answers the operations of its part of the spec by
 * operationId; an operation none answers is served from the spec's examples.
 */
export const RESOURCES: readonly ResourceFactory[] = [keysResource, rateLimitsResource];
