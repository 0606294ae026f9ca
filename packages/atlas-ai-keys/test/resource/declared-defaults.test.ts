import { OPERATIONS } from '@org/atlas-types';
import { describe, expect, it } from 'vitest';
import { AtlasValidationError } from '../../src/errors.js';
import { type OperationRow, operationRequest } from '../../src/internal/call/operation-request.js';

// A row as the generator writes one for an operation whose path and query parameters and body
// field each declare `x-client-default`: the client fills them in alike.
const row: OperationRow = {
  method: 'POST',
  path: '/api/atlas/v2/groups/{groupId}/scopes/{region}',
  status: 201,
  query: ['pretty'],
  body: { fields: { geography: { type: 'string', enum: ['ANY', 'EU'] } }, requiredFields: [] },
  defaults: { region: 'ANY', pretty: false, geography: 'ANY' },
};
const groupId = '32b6e34b3d91647abb20e7b8';

describe('declared defaults', () => {
  it('fill in a path parameter, a query parameter and a body field left out', () => {
    expect(operationRequest('createScope', row, { groupId })).toEqual({
      target: `/api/atlas/v2/groups/${groupId}/scopes/ANY?pretty=false`,
      body: { geography: 'ANY' },
    });
  });

  it('give way to the values the caller passes, each checked against its rule', () => {
    expect(
      operationRequest('createScope', row, { groupId, region: 'EU-WEST', geography: 'EU' }),
    ).toEqual({
      target: `/api/atlas/v2/groups/${groupId}/scopes/EU-WEST?pretty=false`,
      body: { geography: 'EU' },
    });
    expect(() => operationRequest('createScope', row, { groupId, geography: 'MARS' })).toThrow(
      AtlasValidationError,
    );
  });

  it("are those of the generated table for a rate limit's path: cloud and geography", () => {
    const get: OperationRow = OPERATIONS.getGroupAiModelApiCloudGeographyModelGroupNameRateLimits;
    const params = { groupId, modelGroupName: 'embed_large' };
    expect(operationRequest('getGroupRateLimits', get, params).target).toBe(
      `/api/atlas/v2/groups/${groupId}/aiModelApiClouds/ANY/geographies/ANY/modelGroupNames/embed_large/rateLimits`,
    );
    expect(() => operationRequest('getGroupRateLimits', get, { ...params, cloud: 'AWS' })).toThrow(
      'cloud must be one of "ANY" (received "AWS")',
    );
  });

  it('are those of the generated table for create: cloud and geography', () => {
    const create: OperationRow = OPERATIONS.createGroupAiModelApiKey;
    expect(create.defaults).toEqual({ cloud: 'ANY', geography: 'ANY' });
    expect(
      operationRequest('createGroupAiModelApiKey', create, { groupId, name: 'ci' }).body,
    ).toEqual({
      cloud: 'ANY',
      geography: 'ANY',
      name: 'ci',
    });
  });
});
