import type { Rng } from '../kit/random';
import type { PersonSeed } from '../population/generate';
import {
  ACCOUNT_APPLICATION_APPROVAL_TYPE_ID,
  DOCUMENT_FILES,
  FUNDING_INSTITUTIONS,
  PRODUCTS,
} from './catalog';
import type { Product } from './catalog';
import { primaryUserRole } from './people';
import type { ApiturePerson } from './people';
import { consentFor, timesFor } from './seed-common';
import { approvalStateFor, isTerminal, workflowStateFor } from './state-machine';
import type { ApplicationRecord, ApplicationState, JsonObject } from './types';

/** One seeded application (§6.4) of one person. */

/** The `accountApproval` of an application (§6.5); `subject` is `<product>, <applicant>`. */
export function accountApprovalFor(
  approvalId: string,
  subject: string,
  state: ApplicationState,
  createdAt: string,
): JsonObject {
  return {
    _id: approvalId,
    label: `Account Approval: ${subject}`,
    state: approvalStateFor(state),
    done: isTerminal(state),
    typeName: 'accountApplication',
    type: {
      _id: ACCOUNT_APPLICATION_APPROVAL_TYPE_ID,
      name: 'accountApplication',
      label: 'Account Application',
      domain: 'https://api.apiture.com/approvals',
      _links: {
        self: { href: `/approvals/approvalTypes/${ACCOUNT_APPLICATION_APPROVAL_TYPE_ID}` },
      },
    },
    createdAt,
    _links: { self: { href: `/approvals/approvals/${approvalId}` } },
  };
}

function accountNameFor(product: Product, person: PersonSeed, rng: Rng): string {
  return rng.pick(product.accountNames).replace('{first}', person.firstName);
}

export interface ApplicationChoice {
  state: ApplicationState;
  product?: Product;
  accountName?: string;
}

export function buildApplication(
  person: PersonSeed,
  who: ApiturePerson,
  choice: ApplicationChoice,
  rng: Rng,
): ApplicationRecord {
  const { state } = choice;
  const id = rng.uuid();
  const product = choice.product ?? rng.pick(PRODUCTS);
  const accountName = choice.accountName ?? accountNameFor(product, person, rng);
  const times = timesFor(state, rng);
  const institution = rng.pick(FUNDING_INSTITUTIONS);
  const accountNumber = String(rng.int(1_000_000, 9_999_999_999)).padStart(10, '0');
  const deposit = Math.max(product.minimumDeposit, rng.int(1, 200) * 25);
  const workflowId = rng.uuid();
  const fundingAccountId = rng.uuid();
  const approvalId = rng.uuid();
  const productHref = `/products/products/${product.id}`;
  return {
    _id: id,
    applicantName: who.displayName,
    accountName,
    productName: product.name,
    organizationName: null,
    fundingAmount: state === 'pending' ? null : { value: deposit.toFixed(2), currency: 'USD' },
    state,
    workflowState: workflowStateFor(state),
    createdAt: times.createdAt,
    updatedAt: times.updatedAt,
    completedAt: times.completedAt,
    fundingAccount:
      state === 'pending'
        ? null
        : {
            title: who.displayName,
            institutionName: institution.name,
            routingNumber: institution.routingNumber,
            accountNumbers: {
              full: accountNumber,
              masked: `${'*'.repeat(13)}${accountNumber.slice(-4)}`,
            },
          },
    organization: {},
    applicants: [{ username: who.username, contact: who.contact, role: primaryUserRole() }],
    products: [{ name: product.name, _links: { self: { href: productHref } } }],
    documents:
      state === 'approved'
        ? [
            {
              uri: `/vault/files/${DOCUMENT_FILES.accountAgreement}/content`,
              contentType: 'application/pdf',
              revisionId: '2024:2.0.1',
              revisedAt: '2024-06-30T09:00:00.000Z',
            },
          ]
        : [],
    accountApproval: accountApprovalFor(
      approvalId,
      `${product.name}, ${who.displayName}`,
      state,
      times.createdAt,
    ),
    consents:
      state === 'pending'
        ? []
        : [
            consentFor(
              'productTermsAndConditions',
              DOCUMENT_FILES.productTermsAndConditions,
              who.userId,
              productHref,
              times.createdAt,
              rng,
            ),
          ],
    links: {
      'apiture:product': { href: productHref },
      'apiture:workflow': { href: `/workflow/workflows/${workflowId}` },
      ...(state === 'pending'
        ? {}
        : { 'apiture:fundingAccount': { href: `/accounts/externalAccount/${fundingAccountId}` } }),
      'apiture:applicant': { href: who.userHref },
      // The reference's application links use the singular `/approvals/approval/` (quirk 16).
      'apiture:approval': { href: `/approvals/approval/${approvalId}` },
    },
  };
}
