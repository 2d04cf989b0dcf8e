import type { Rng } from '../kit/random';
import type { PersonSeed } from '../population/generate';
import { dateUs, phoneNational } from '../population/variants';
import { addDays, isoToShortUsDate, isoToUsDate } from './dates';
import type { IdSequence } from './ids';
import type { AgencyZoomSeed, CustomerRecord } from './types';
import { LEAD_STATUS } from './types';
import {
  PRODUCT_LINE,
  buildFile,
  buildLead,
  buildPolicy,
  buildProduct,
  buildTask,
} from './seed-records';

/**
 * Jordan Rivera: a customer since 2019 with four policies (auto, renters and term life in force,
 * an umbrella that lapsed), a converted lead from the first sale and an open cross-sell lead with
 * two quotes, an opportunity, notes and tasks.
 */
export function seedShowcase(
  seed: AgencyZoomSeed,
  ids: IdSequence,
  person: PersonSeed,
  rng: Rng,
): void {
  const customer: CustomerRecord = {
    id: ids.next('customer'),
    bizCustomer: 0,
    businessName: null,
    firstname: person.firstName,
    middlename: person.middleName,
    lastname: person.lastName,
    email: person.email,
    phone: phoneNational(person.phone),
    secondaryEmail: null,
    secondaryPhone: person.homePhone !== null ? phoneNational(person.homePhone) : null,
    streetAddress: person.address.line1,
    city: person.address.city,
    state: person.address.state,
    country: 'US',
    zip: person.address.zip,
    createDate: '2019-03-04 09:41:17',
    asCustomerDate: '2019-03-18 14:05:52',
    birthday: dateUs(person.dateOfBirth),
    agentId: 6818,
    csrId: 6821,
    leadSourceId: 10703,
    locationCode: 'A0A0070',
    tagNames: 'VIP;Bundle',
    customFields: [
      { fieldName: 'cf1', value: 'Evening' },
      { fieldName: 'cf2', value: isoToUsDate(addDays(seed.asOf, 45)) },
    ],
    contactFirstname: null,
    contactLastname: null,
    contactMiddlename: null,
    numberOfEmployees: null,
    annualRevenue: null,
    totalPayroll: null,
    externalSystem: 'AMS360',
    externalId: 'AMS-204518',
  };
  seed.customers.push(customer);
  const asOf = seed.asOf;
  seed.policies.push(
    buildPolicy(ids, rng, customer, person, {
      productLineId: PRODUCT_LINE.auto,
      carrierId: 91,
      termMonths: 6,
      expired: false,
      asOf,
      offsetDays: 40,
      status: 11,
      items: 2,
      tagNames: 'Bundle',
    }),
    buildPolicy(ids, rng, customer, person, {
      productLineId: PRODUCT_LINE.renters,
      carrierId: 92,
      termMonths: 12,
      expired: false,
      asOf,
      offsetDays: 150,
      status: 11,
      tagNames: 'Bundle',
    }),
    buildPolicy(ids, rng, customer, person, {
      productLineId: PRODUCT_LINE.life,
      carrierId: 94,
      termMonths: 240,
      expired: false,
      asOf,
      offsetDays: 1400,
      status: 1,
      tagNames: null,
    }),
    buildPolicy(ids, rng, customer, person, {
      productLineId: PRODUCT_LINE.umbrella,
      carrierId: 95,
      termMonths: 12,
      expired: true,
      asOf,
      offsetDays: 120,
      status: 0,
      tagNames: null,
    }),
  );
  seed.notes.push(
    {
      leadId: null,
      customerId: customer.id,
      type: 'Meeting',
      createDate: `${addDays(asOf, -40)} 10:30:00`,
      createdBy: 'Morgan Blake',
      title: 'Auto renewal',
      body: 'Renewed auto with Harborline; added second vehicle.\nAsked about umbrella again.',
    },
    {
      leadId: null,
      customerId: customer.id,
      type: 'Email',
      createDate: `${addDays(asOf, -120)} 16:02:44`,
      createdBy: 'Dana Whitfield',
      title: 'Umbrella cancelled',
      body: 'Umbrella policy cancelled for non-payment; customer wants a new quote.',
    },
  );
  seed.tasks.push(
    buildTask(ids, rng, { customerId: customer.id, title: 'Annual policy review' }, asOf),
    buildTask(
      ids,
      rng,
      { customerId: customer.id, title: 'Send renters ID card', done: true },
      asOf,
    ),
  );
  seed.files.push(buildFile(ids, rng, customer.id, '2019-03-18'));

  const won = buildLead(ids, person, rng, {
    status: LEAD_STATUS.WON,
    createDay: '2019-02-20',
    pipelineIndex: 0,
    asOf,
  });
  Object.assign(won, {
    firstname: 'Jordan',
    lastname: 'Rivera',
    email: 'Jordan.Rivera@Example.com',
    phone: '617-555-0142',
    convertedHouseholdId: customer.id,
    soldDate: '2019-03-18',
    birthday: dateUs(person.dateOfBirth),
    leadSourceId: 10703,
    externalSystem: null,
    externalId: null,
  });
  seed.leads.push(won);
  seed.quotes.push(
    buildProduct(ids, rng, won, { sold: true, productLineId: PRODUCT_LINE.auto, carrierId: 91 }),
  );

  const crossSell = buildLead(ids, person, rng, {
    status: LEAD_STATUS.QUOTED,
    createDay: addDays(asOf, -30),
    pipelineIndex: 1,
    asOf,
  });
  Object.assign(crossSell, {
    firstname: 'JORDAN',
    middlename: person.middleName,
    lastname: 'RIVERA',
    email: person.email,
    phone: '(617) 555-0142',
    secondaryPhone: '6175550199',
    comments: 'Wants umbrella back after the cancellation; compare two carriers.',
    workflowStageId: 23,
    tagIds: [1, 2],
    birthday: isoToShortUsDate(person.dateOfBirth),
    maritalStatus: 1,
    nickname: 'Jo',
    assignedTo: 6818,
    csrId: 6821,
    otherProducers: [6819],
    customFields: [{ fieldName: 'cf1', value: 'Evening' }],
    leadSourceId: 10704,
    externalSystem: null,
    externalId: null,
  });
  seed.leads.push(crossSell);
  seed.quotes.push(
    buildProduct(ids, rng, crossSell, {
      sold: false,
      productLineId: PRODUCT_LINE.umbrella,
      carrierId: 95,
      premium: 38_500,
    }),
    buildProduct(ids, rng, crossSell, {
      sold: false,
      productLineId: PRODUCT_LINE.umbrella,
      carrierId: 92,
      premium: 41_200,
    }),
  );
  seed.opportunities.push(
    buildProduct(ids, rng, crossSell, {
      sold: false,
      productLineId: PRODUCT_LINE.umbrella,
      carrierId: 95,
      premium: 38_500,
    }),
  );
  seed.notes.push({
    leadId: crossSell.id,
    customerId: null,
    type: 'Call',
    createDate: `${addDays(asOf, -28)} 11:15:09`,
    createdBy: 'Morgan Blake',
    title: 'Umbrella quotes',
    body: 'Quoted $1M umbrella with Summit and Granite Shield.',
  });
  seed.tasks.push(buildTask(ids, rng, { leadId: crossSell.id, title: 'Follow up on quote' }, asOf));
}
