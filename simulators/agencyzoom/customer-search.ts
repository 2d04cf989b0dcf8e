import { compareStamp, compareText, pageOf, readPaging, sortBy } from './paging';
import { phoneStartsWith } from './phones';
import { PRODUCT_LINES } from './reference-data';
import type { AgencyZoomStore } from './store';
import type { CustomerRecord, PolicyRecord } from './types';
import { BodyReader } from './validation';
import { customerSummary, isInForce } from './views';

/** Largest `pageSize` of `POST /v1/api/customers` (documented). */
export const CUSTOMERS_MAX_PAGE_SIZE = 100;

const COMPARE: Record<string, (a: CustomerRecord, b: CustomerRecord) => number> = {
  id: (a, b) => a.id - b.id,
  firstname: (a, b) => compareText(a.firstname, b.firstname),
  lastname: (a, b) => compareText(a.lastname, b.lastname),
  email: (a, b) => compareText(a.email, b.email),
  createDate: (a, b) => compareStamp(a.createDate, b.createDate),
  city: (a, b) => compareText(a.city, b.city),
  state: (a, b) => compareText(a.state, b.state),
};

type CustomerFilter = (customer: CustomerRecord, policies: PolicyRecord[]) => boolean;

/**
 * `POST /v1/api/customers`: filters, sorts and pages customers (reference §5.3.1). Match rules the
 * docs leave open are inferred:
 * - `firstname`, `lastname`, `fullName`: case-insensitive substring ("partial match", documented).
 * - `email`: case-insensitive prefix on `email` or `secondaryEmail`; `phone`: prefix of the digits
 *   on `phone` or `secondaryPhone` (the same rules as lead search).
 * - `city`, `state`: case-insensitive equality.
 * - `status`: 1 active = holds a policy in force today; 0 inactive = holds none; -1 all (default).
 * - `policyType`, `standardProductLineCode`, `agentId`: the customer holds such a policy.
 * - `sort`: `id` (default, also for unknown fields), `firstname`, `lastname`, `email`,
 *   `createDate`, `city`, `state`; `order` defaults to `asc`.
 * Items are the customer detail shape without its embedded policies, notes, tasks and files.
 */
export function searchCustomers(
  store: AgencyZoomStore,
  body: unknown,
  today: string,
): Record<string, unknown> {
  const reader = new BodyReader(body);
  const paging = readPaging(reader, CUSTOMERS_MAX_PAGE_SIZE);
  const filters = readCustomerFilters(reader, today);
  reader.throwIfInvalid();

  const policiesByCustomer = store.policiesByCustomer();
  const policiesOf = (customer: CustomerRecord): PolicyRecord[] =>
    policiesByCustomer.get(customer.id) ?? [];
  const matches = [...store.customers.values()].filter((customer) =>
    filters.every((f) => f(customer, policiesOf(customer))),
  );
  sortBy(matches, COMPARE[paging.sort ?? 'id'] ?? COMPARE.id, paging.order ?? 'asc');
  const page = pageOf(matches, paging);
  return {
    totalCount: page.totalCount,
    page: page.page,
    pageSize: page.pageSize,
    customers: page.items.map((customer) => customerSummary(customer, policiesOf(customer), today)),
  };
}

function readCustomerFilters(reader: BodyReader, today: string): CustomerFilter[] {
  const filters: CustomerFilter[] = [];
  const add = <T>(
    value: T | null,
    test: (customer: CustomerRecord, value: T, policies: PolicyRecord[]) => boolean,
  ): void => {
    if (value !== null) filters.push((customer, policies) => test(customer, value, policies));
  };
  const lower = (text: string | null): string | null => {
    const trimmed = text?.trim().toLowerCase() ?? '';
    return trimmed === '' ? null : trimmed;
  };

  add(lower(reader.string('location')), (c, code) => c.locationCode?.toLowerCase() === code);
  add(lower(reader.string('state')), (c, state) => c.state?.toLowerCase() === state);
  add(lower(reader.string('city')), (c, city) => c.city?.toLowerCase() === city);
  add(lower(reader.string('email')), (c, email) =>
    [c.email, c.secondaryEmail ?? ''].some((e) => e.toLowerCase().startsWith(email)),
  );
  add(lower(reader.string('phone')), (c, phone) =>
    [c.phone, c.secondaryPhone].some((p) => phoneStartsWith(p, phone)),
  );
  add(reader.date('startDate', 'iso'), (c, from) => c.createDate.slice(0, 10) >= from);
  add(reader.date('endDate', 'iso'), (c, to) => c.createDate.slice(0, 10) <= to);
  add(reader.integer('leadSourceId'), (c, id) => c.leadSourceId === id);
  add(lower(reader.string('firstname')), (c, text) => c.firstname.toLowerCase().includes(text));
  add(lower(reader.string('lastname')), (c, text) =>
    (c.lastname ?? '').toLowerCase().includes(text),
  );
  add(lower(reader.string('fullName')), (c, text) =>
    `${c.firstname} ${c.lastname ?? ''}`.toLowerCase().includes(text),
  );
  add(reader.integer('policyType'), (_c, type, policies) =>
    policies.some((p) => p.productLineId === type),
  );
  add(lower(reader.string('standardProductLineCode')), (_c, code, policies) =>
    policies.some(
      (p) =>
        PRODUCT_LINES.find(
          (l) => l.id === p.productLineId,
        )?.standardProductLineCode.toLowerCase() === code,
    ),
  );
  add(reader.integer('agentId'), (_c, id, policies) => policies.some((p) => p.agentId === id));
  const status = reader.integer('status', { oneOf: [-1, 0, 1] });
  if (status === 1 || status === 0) {
    filters.push((_c, policies) => policies.some((p) => isInForce(p, today)) === (status === 1));
  }
  return filters;
}
