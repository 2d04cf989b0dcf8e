import type { FastifyInstance } from 'fastify';
import { requireApiToken } from '../auth';
import type { AgencyZoomContext } from '../context';
import { success } from '../errors';
import { readPolicyWrite } from '../policy-write';
import type { PolicyWrite } from '../policy-write';
import type { PolicyRecord } from '../types';
import { POLICY_STATUS_VALUES } from '../types';
import { BodyReader, pathId } from '../validation';

/**
 * Policy writes (reference §5.4). There is no policy read by id: policies are read through their
 * customer. The status written by `update-status` is kept but, as documented, no response shows
 * it; it decides whether a policy is in force (customer `status` filter, `totalPremium`).
 */
export function registerPolicyRoutes(app: FastifyInstance, context: AgencyZoomContext): void {
  const { store } = context;

  app.post('/v1/api/policies/create', async (request) => {
    requireApiToken(context, request);
    const reader = new BodyReader(request.body);
    const customerId = reader.integer('customerId', { required: true });
    const write = readPolicyWrite(reader);
    const meta = reader.object('meta');
    reader.throwIfInvalid();
    const customer = store.customer(customerId as number);
    const policy: PolicyRecord = {
      ...(write as PolicyWrite),
      id: store.nextId('policy'),
      amsPolicyId: null,
      customerId: customer.id,
      // A new policy is active (inferred); `update-status` changes it.
      status: 1,
      externalSystem: null,
      externalId: null,
      meta,
      endorsements: [],
    };
    store.policies.set(policy.id, policy);
    return success('Policy created', policy.id);
  });

  // Replaces the written fields (the update body repeats the create body's required fields).
  app.put<{ Params: { policyId: string } }>('/v1/api/policies/:policyId', async (request) => {
    const policy = store.policy(pathId('policyId', request.params.policyId));
    const reader = new BodyReader(request.body);
    const write = readPolicyWrite(reader);
    reader.throwIfInvalid();
    store.policies.set(policy.id, { ...policy, ...(write as PolicyWrite) });
    return success('Policy updated', policy.id);
  });

  app.post('/v1/api/policies/update-status', async (request) => {
    const reader = new BodyReader(request.body);
    const policyId = reader.integer('policyId', { required: true });
    const status = reader.integer('status', { required: true, oneOf: POLICY_STATUS_VALUES });
    reader.throwIfInvalid();
    const policy = store.policy(policyId as number);
    policy.status = status as PolicyRecord['status'];
    return success('Policy status updated', policy.id);
  });

  // `amsPolicyId`, when sent, wins over `policyId` (documented).
  app.post('/v1/api/policies/update-tags', async (request) => {
    const reader = new BodyReader(request.body);
    const policyId = reader.integer('policyId');
    const amsPolicyId = reader.integer('amsPolicyId');
    const tagNames = reader.string('tagNames');
    if (policyId === null && amsPolicyId === null)
      reader.problem('policyId or amsPolicyId is required');
    reader.throwIfInvalid();
    const policy =
      amsPolicyId !== null ? store.policyByAmsId(amsPolicyId) : store.policy(policyId as number);
    policy.tagNames = tagNames === null || tagNames.trim() === '' ? null : tagNames;
    return success('Policy tags updated', policy.id);
  });

  // The endorsement's premium change (cents) is added to the policy premium (inferred).
  app.post('/v1/api/policies/endorse', async (request) => {
    const reader = new BodyReader(request.body);
    const policyId = reader.integer('policyId', { required: true });
    const effectiveDate = reader.date('effectiveDate', 'usOrIso', { required: true });
    const endorsementNumber = reader.string('endorsementNumber', { required: true });
    const premiumChange = reader.integer('premiumChange', { required: true });
    const description = reader.string('description', { required: true });
    reader.throwIfInvalid();
    const policy = store.policy(policyId as number);
    policy.endorsements.push({
      endorsementNumber: endorsementNumber as string,
      effectiveDate: effectiveDate as string,
      premiumChange: premiumChange as number,
      description: description as string,
    });
    policy.premium = Math.max(0, policy.premium + (premiumChange as number));
    return success('Endorsement created', policy.id);
  });
}
