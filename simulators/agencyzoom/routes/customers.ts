import type { FastifyInstance } from 'fastify';
import type { AgencyZoomContext } from '../context';
import { now, today } from '../context';
import { searchCustomers } from '../customer-search';
import { createCustomer, readCustomerWrite } from '../customer-write';
import { invalidParameters, success } from '../errors';
import { OWNER_ID, employeeName } from '../reference-data';
import { BodyReader, pathId } from '../validation';
import { amsPolicyView, customerDetail, customerPolicyView, taskView } from '../views';

interface CustomerParams {
  customerId: string;
}

/** Customer management (reference §5.3): search, detail with embedded policies, writes, policies. */
export function registerCustomerRoutes(app: FastifyInstance, context: AgencyZoomContext): void {
  const { store } = context;
  const customerOf = (params: CustomerParams) =>
    store.customer(pathId('customerId', params.customerId));

  app.post('/v1/api/customers', async (request) =>
    searchCustomers(store, request.body, today(context)),
  );

  app.post('/v1/api/customers/create', async (request) => {
    const reader = new BodyReader(request.body);
    const write = readCustomerWrite(reader, 'create');
    reader.throwIfInvalid();
    const customer = createCustomer(store.nextId('customer'), write, now(context));
    store.customers.set(customer.id, customer);
    return success('Customer created', customer.id);
  });

  app.get<{ Params: CustomerParams }>('/v1/api/customers/:customerId', async (request) =>
    customerDetail(customerOf(request.params), store, today(context)),
  );

  app.put<{ Params: CustomerParams }>('/v1/api/customers/:customerId', async (request) => {
    const customer = customerOf(request.params);
    const reader = new BodyReader(request.body);
    const write = readCustomerWrite(reader, 'update');
    reader.throwIfInvalid();
    store.customers.set(customer.id, { ...customer, ...write });
    return success('Customer updated', customer.id);
  });

  app.delete<{ Params: CustomerParams }>('/v1/api/customers/:customerId', async (request) => {
    const customer = customerOf(request.params);
    store.deleteCustomer(customer.id);
    return success('Customer deleted', customer.id);
  });

  // Documented as a list with a single-object sample; answered as an array (inferred).
  app.get<{ Params: CustomerParams }>('/v1/api/customers/:customerId/policies', async (request) =>
    store.policiesOf(customerOf(request.params).id).map(customerPolicyView),
  );

  // Only policies that came from the AMS have an AMS id; policies created through the API do not.
  app.get<{ Params: CustomerParams }>(
    '/v1/api/customers/:customerId/ams-policies',
    async (request) =>
      store
        .policiesOf(customerOf(request.params).id)
        .filter((policy) => policy.amsPolicyId !== null)
        .map(amsPolicyView),
  );

  app.get<{ Params: CustomerParams }>('/v1/api/customers/:customerId/tasks', async (request) =>
    store.tasksOfCustomer(customerOf(request.params).id).map((task) => taskView(task, store)),
  );

  app.post<{ Params: CustomerParams }>('/v1/api/customers/:customerId/notes', async (request) => {
    const customer = customerOf(request.params);
    const reader = new BodyReader(request.body);
    const note = reader.string('note', { required: true });
    reader.throwIfInvalid();
    store.notes.push({
      leadId: null,
      customerId: customer.id,
      type: 'Note',
      createDate: now(context),
      createdBy: employeeName(OWNER_ID),
      title: 'Note',
      body: note as string,
    });
    return success('Note created', customer.id);
  });

  app.delete<{ Params: CustomerParams & { policyId: string } }>(
    '/v1/api/customers/:customerId/policies/:policyId',
    async (request) => {
      const customer = customerOf(request.params);
      const policy = store.policy(pathId('policyId', request.params.policyId));
      if (policy.customerId !== customer.id) {
        throw invalidParameters(`policy ${policy.id} does not belong to customer ${customer.id}`);
      }
      store.policies.delete(policy.id);
      return success('Policy deleted', policy.id);
    },
  );

  app.delete<{ Params: CustomerParams & { fileId: string } }>(
    '/v1/api/customers/:customerId/files/:fileId',
    async (request) => {
      const customer = customerOf(request.params);
      const fileId = pathId('fileId', request.params.fileId);
      const file = store.files.get(fileId);
      if (!file || file.customerId !== customer.id) {
        throw invalidParameters(`file ${fileId} does not exist for customer ${customer.id}`);
      }
      store.files.delete(fileId);
      return success('File deleted', fileId);
    },
  );
}
