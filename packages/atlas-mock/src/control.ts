/** Path of the operation that resets a stateful mock: `POST` it to forget every change. */
export const RESET_PATH = '/_atlas-mock/reset';

/**
 * The mock's own operations, declared in OpenAPI like the API's, so that Prism routes and checks
 * them too. They need no credentials.
 */
export const CONTROL_DOCUMENT = {
  openapi: '3.0.3',
  info: { title: 'Atlas mock control', version: '1' },
  paths: {
    [RESET_PATH]: {
      post: {
        operationId: 'resetAtlasMock',
        summary: 'Forget every change: back to the state the mock starts with.',
        security: [],
        responses: { '204': { description: 'The state is reset.' } },
      },
    },
  },
} as const;
