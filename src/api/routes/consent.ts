import type { JsonObject } from '../../core/index.js';
import { consentAudit, createConsentRequest, decideConsent, getConsent } from '../../state/index.js';
import { pageOf, type ApiRoute } from '../route.js';
import { ID, assertSameId, body, json, obj, pathParams } from './common.js';

/** Consent (compliance.md §13): multi-party requests, quorum, unanimity, dual control, audit trail. */

const TAG = 'consent';
const requestParams = pathParams({ request_id: ID });
const consent = obj(['request_id', 'kind', 'subject', 'parties', 'threshold', 'status', 'created_at', 'decisions'], {
  status: { enum: ['PENDING', 'APPROVED', 'REJECTED'] },
  threshold: { type: 'integer', minimum: 1 },
});

export const CONSENT_ROUTES: readonly ApiRoute[] = [
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/consents',
    operationId: 'createConsentRequest',
    summary: 'Create a consent request (unanimity, quorum K of N, or dual control).',
    tag: TAG,
    body: body('consent.request'),
    status: 201,
    response: { inline: consent },
    errors: [409],
    handler: ({ body: b }, { db, now }) => json(createConsentRequest(db, b, now())),
  },
  {
    kind: 'item',
    method: 'GET',
    path: '/v1/consents/:request_id',
    operationId: 'getConsent',
    summary: 'One consent request with its decisions.',
    tag: TAG,
    params: requestParams,
    status: 200,
    response: { inline: consent },
    handler: ({ params }, { db }) => json(getConsent(db, params.request_id ?? '')),
  },
  {
    kind: 'item',
    method: 'POST',
    path: '/v1/consents/:request_id/decisions',
    operationId: 'decideConsent',
    summary: 'A party approves or rejects, once.',
    tag: TAG,
    params: requestParams,
    body: body('consent.decision'),
    status: 200,
    response: { inline: consent },
    errors: [404, 409],
    handler: ({ params, body: b }, { db, now }) => {
      assertSameId(params, b, 'request_id');
      return json(decideConsent(db, b, now()));
    },
  },
  {
    kind: 'list',
    method: 'GET',
    path: '/v1/consents/:request_id/audit',
    operationId: 'listConsentAudit',
    summary: 'The immutable audit trail of a request (CREATED, SIGNED:<decision>, outcome).',
    tag: TAG,
    params: requestParams,
    item: { inline: obj(['seq', 'request_id', 'entry', 'at']) },
    handler: ({ params, page }, { db }) => {
      getConsent(db, params.request_id ?? '');
      return pageOf(page, consentAudit(db, params.request_id ?? '') as unknown as JsonObject[]);
    },
  },
];
