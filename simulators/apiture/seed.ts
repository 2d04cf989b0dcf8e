import type { Rng } from '../kit/random';
import { peopleIn, vendorRng } from '../population/generate';
import type { PersonSeed, Population } from '../population/generate';
import {
  ACCOUNT_APPLICATION_APPROVAL_TYPE_ID,
  DOCUMENT_FILES,
  FUNDING_INSTITUTIONS,
  GOVERNMENT_ID_APPROVAL_TYPE_ID,
  PRODUCTS,
  productNamed,
} from './catalog';
import type { Product } from './catalog';
import { PROFILES } from './constants';
import { apiturePerson, primaryUserRole } from './people';
import type { ApiturePerson } from './people';
import { TERMINAL_STATES, approvalStateFor, isTerminal, workflowStateFor } from './state-machine';
import type {
  ApplicationRecord,
  ApplicationState,
  EnrollmentRecord,
  EnrollmentState,
  JsonObject,
  JsonValue,
} from './types';

/**
 * Population -> Apiture records. Pure and deterministic: the same population gives the same
 * records byte for byte (every draw comes from `vendorRng(population, 'apiture', index)`, every
 * time is relative to `SEED_EPOCH`, never the wall clock).
 */

/** The instant the seeded data is "as of"; live applications were touched in the 25 days before it. */
export const SEED_EPOCH = '2025-06-01T12:00:00.000Z';

const EPOCH_MS = Date.parse(SEED_EPOCH);
const DAY_MS = 86_400_000;
/** Incomplete applications expire after 30 days of inactivity (§1.1). */
const EXPIRY_DAYS = 30;

/**
 * State of each person's first application, cycled in population order so that every state is
 * present in any population with a dozen Apiture people, blocked ones often enough to exercise
 * every action. `pending` is reserved by the reference but in its enum (inferred: a few exist).
 */
const FIRST_STATE_CYCLE: readonly ApplicationState[] = [
  'running',
  'blocked',
  'approved',
  'blocked',
  'rejected',
  'running',
  'canceled',
  'blocked',
  'expired',
  'approved',
  'pending',
  'blocked',
];

/** A person has at most one live (running, blocked, pending) application (§1.1). */
const SECOND_AFTER_LIVE: readonly ApplicationState[] = TERMINAL_STATES;
const SECOND_AFTER_TERMINAL: readonly ApplicationState[] = [
  ...TERMINAL_STATES,
  'blocked',
  'running',
];

/**
 * State of each enrollment and whether its applicant passed identity verification (the extra
 * precondition of approve, §4.2), cycled so that every combination the actions care about exists.
 */
const ENROLLMENT_CYCLE: readonly { state: EnrollmentState; verified: boolean }[] = [
  { state: 'running', verified: false },
  { state: 'approved', verified: true },
  { state: 'blocked', verified: false },
  { state: 'rejected', verified: false },
  { state: 'running', verified: true },
  { state: 'approved', verified: true },
  { state: 'blocked', verified: true },
  { state: 'running', verified: true },
];

/** Share of Apiture people with a second application, and with an enrollment. */
const SECOND_APPLICATION_SHARE = 0.3;
const ENROLLMENT_SHARE = 0.45;

export interface ApitureSeed {
  /** In population order; a person's applications oldest first. */
  applications: ApplicationRecord[];
  enrollments: EnrollmentRecord[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

interface Times {
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

/** Live resources were created within 25 days of the epoch; terminal ones up to two years before. */
function timesFor(state: ApplicationState, rng: Rng): Times {
  const jitter = (): number => rng.int(0, 86_399_999);
  if (!isTerminal(state)) {
    const created = EPOCH_MS - rng.int(1, 25) * DAY_MS - jitter();
    const updated = Math.min(created + rng.int(0, 72) * 3_600_000 + jitter() / 24, EPOCH_MS);
    return { createdAt: iso(created), updatedAt: iso(updated), completedAt: null };
  }
  const created = EPOCH_MS - rng.int(45, 720) * DAY_MS - jitter();
  const completed =
    state === 'expired'
      ? created + EXPIRY_DAYS * DAY_MS
      : created + rng.int(1, 14) * DAY_MS + jitter();
  return { createdAt: iso(created), updatedAt: iso(completed), completedAt: iso(completed) };
}

function accountNameFor(product: Product, person: PersonSeed, rng: Rng): string {
  return rng.pick(product.accountNames).replace('{first}', person.firstName);
}

function consentFor(
  type: string,
  fileId: string,
  userId: string,
  contextUri: string,
  givenAt: string,
  rng: Rng,
): JsonObject {
  const id = rng.uuid();
  return {
    _id: id,
    _profile: PROFILES.consent,
    document: {
      uri: `/vault/files/${fileId}/content`,
      contentType: 'application/pdf',
      revisionId: '2024:1.2.0',
      revisedAt: '2024-03-18T14:00:00.000Z',
    },
    state: 'given',
    givenAt,
    type,
    userId,
    contextUri,
    _links: {
      self: { href: `/consents/consents/${id}` },
      'apiture:revoke': { href: `/consents/revokedConsents?consent=${id}` },
      'apiture:rescind': { href: `/consents/rescindedConsents?consent=${id}` },
    },
  };
}

interface ApplicationChoice {
  state: ApplicationState;
  product?: Product;
  accountName?: string;
}

function buildApplication(
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
  const approvalState = approvalStateFor(state);
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
    accountApproval: {
      _id: approvalId,
      label: `Account Approval: ${product.name}, ${who.displayName}`,
      state: approvalState,
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
      createdAt: times.createdAt,
      _links: { self: { href: `/approvals/approvals/${approvalId}` } },
    },
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

const FRAUD_RISK_CATEGORIES: Record<string, string> = {
  personalInfoDoesNotMatch: 'The retrieved identity does not match the provided PII.',
  addressIsHighRisk: 'The provided address is considered high-risk',
  identityOnGovernmentWatchlist: 'The provided identity is located on one or more watchlists',
};

function fakeJwt(subject: string, rng: Rng): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signature = Buffer.from(rng.hex(64), 'hex').toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: subject, iat: 1_700_000_000 })}.${signature}`;
}

function fraudReportFor(
  person: PersonSeed,
  who: ApiturePerson,
  state: EnrollmentState,
  verified: boolean,
  rng: Rng,
): JsonObject {
  const id = rng.uuid();
  const categories: string[] =
    state === 'rejected'
      ? ['identityOnGovernmentWatchlist']
      : !verified
        ? ['personalInfoDoesNotMatch']
        : rng.chance(0.3)
          ? ['addressIsHighRisk']
          : [];
  const outcome =
    state === 'rejected' ? 'failed' : categories.length > 0 ? 'passedWithRiskFactors' : 'passed';
  return {
    _profile: PROFILES.fraudRiskReport,
    _links: {
      self: { href: `/identity/fraudRiskReports/${id}` },
      'apiture:user': { href: who.userHref },
    },
    _id: id,
    type: 'fraudRiskReport',
    inputs: {
      identity: {
        _profile: PROFILES.identity,
        taxId: `*****${person.ssn.slice(-4)}`,
        firstName: person.firstName,
        lastName: person.lastName,
        address1: person.address.line1,
        city: person.address.city,
        region: person.address.state,
        postalCode: person.address.zip,
        phone: person.phone.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '$1-$2-$3'),
        birthdate: person.dateOfBirth,
        email: person.email,
        ipAddress: `203.0.113.${rng.int(1, 254)}`,
      },
    },
    outputs: {
      state: outcome,
      fraudRiskCategories: categories.map((type) => ({
        type,
        description: FRAUD_RISK_CATEGORIES[type],
      })),
      token: fakeJwt(who.userId, rng),
    },
  };
}

function governmentIdApproval(at: string, rng: Rng): JsonObject {
  const id = rng.uuid();
  return {
    _id: id,
    _profile: PROFILES.approval,
    reason: 'Government issued ID required',
    createdAt: at,
    updatedAt: at,
    _links: {
      self: { href: `/approvals/approvals/${id}` },
      'apiture:approvalType': {
        href: `/approvals/approvalTypes/${GOVERNMENT_ID_APPROVAL_TYPE_ID}`,
      },
      'apiture:target': { href: `/vault/files/${rng.uuid()}` },
    },
    _embedded: {
      approvalType: {
        _id: GOVERNMENT_ID_APPROVAL_TYPE_ID,
        _profile: PROFILES.approvalType,
        _links: { self: { href: `/approvals/approvalTypes/${GOVERNMENT_ID_APPROVAL_TYPE_ID}` } },
        name: 'governmentId',
        label: 'Government Issued ID',
        description: 'A document that identifies a user',
      },
    },
  };
}

function buildEnrollment(
  person: PersonSeed,
  who: ApiturePerson,
  state: EnrollmentState,
  verified: boolean,
  rng: Rng,
): EnrollmentRecord {
  const id = rng.uuid();
  const times = timesFor(state, rng);
  const contact: JsonObject = verified
    ? who.contact
    : {
        ...who.contact,
        identityVerification: {
          provider: 'IDology',
          sessionId: String(rng.int(100000, 999999)),
          scoredAt: times.updatedAt,
          score: 'incomplete',
          state: 'pending',
        },
      };
  const verifications: JsonValue[] = [
    {
      type: 'fraudRiskReport',
      _links: { self: { href: `/identity/fraudRiskReports/${rng.uuid()}` } },
      state: state === 'rejected' ? 'failed' : 'passed',
      createdAt: times.createdAt,
    },
  ];
  if (verified) {
    verifications.push({
      type: 'quiz',
      _links: { self: { href: `/identity/quizzes/${rng.uuid()}` } },
      state: 'passed',
      createdAt: times.createdAt,
    });
  }
  const consents: JsonValue[] = verified
    ? [
        consentFor(
          'digitalBankingTermsOfUse',
          DOCUMENT_FILES.digitalBankingTermsOfUse,
          who.userId,
          who.userHref,
          times.createdAt,
          rng,
        ),
        consentFor(
          'privacyPolicy',
          DOCUMENT_FILES.privacyPolicy,
          who.userId,
          who.userHref,
          times.createdAt,
          rng,
        ),
      ]
    : [];
  const applicant: JsonObject = {
    username: who.username,
    contact,
    user: who.user,
    role: primaryUserRole(),
    verification: { _links: { 'apiture:user': { href: who.userHref } }, verifications },
    approvals: [],
    consents,
    fraudReport: fraudReportFor(person, who, state, verified, rng),
    verified,
    verificationToken: rng.hex(32),
  };
  const blocked = state === 'blocked';
  return {
    _id: id,
    applicant,
    applicants: [applicant],
    requiredDocuments: [
      {
        label: 'Government issued photo ID',
        type: 'governmentId',
        productTarget: 'personal',
        documentUri: `/vault/files/${rng.uuid()}`,
        category: 'driversLicense',
        requireIfVerified: false,
      },
    ],
    documents: [
      {
        uri: `/vault/files/${DOCUMENT_FILES.digitalBankingTermsOfUse}/content`,
        contentType: 'application/pdf',
        revisionId: '2024:1.2.0',
        revisedAt: '2024-03-18T14:00:00.000Z',
      },
    ],
    approvals: blocked ? [governmentIdApproval(times.updatedAt, rng)] : [],
    applicantName: who.displayName,
    workflowState: workflowStateFor(state),
    state,
    flaggedForReview: blocked || (state === 'rejected' && rng.chance(0.5)),
    createdAt: times.createdAt,
    updatedAt: times.updatedAt,
    completedAt: times.completedAt,
    // Blocked enrollments say why in the embedded `_error` of §3.5 (second shape).
    error: blocked
      ? {
          _id: rng.hex(24),
          message: 'Identity verification needs a government issued ID.',
          statusCode: 422,
          type: 'identityVerificationIncomplete',
          remediation: 'Upload a government issued photo ID.',
          occurredAt: times.updatedAt,
          errors: [],
          _links: {
            describedby: {
              href: 'https://developer.apiture.com/errors/identityVerificationIncomplete',
            },
          },
        }
      : null,
    links: {
      'apiture:applicant': { href: who.userHref },
      'apiture:contact': { href: who.contactHref, title: 'Applicant' },
    },
  };
}

/** The showcase person's applications: one running, one approved, one canceled; plus an approved enrollment. */
const SHOWCASE_APPLICATIONS: readonly ApplicationChoice[] = [
  { state: 'approved', product: productNamed('Premiere Savings'), accountName: 'Rainy Day Fund' },
  { state: 'canceled', product: productNamed('6 Month CD'), accountName: '6 Month CD' },
  {
    state: 'running',
    product: productNamed('Personal Checking'),
    accountName: 'My Personal Checking',
  },
];

function choicesFor(position: number, rng: Rng): ApplicationChoice[] {
  const first = FIRST_STATE_CYCLE[position % FIRST_STATE_CYCLE.length];
  if (!rng.chance(SECOND_APPLICATION_SHARE)) return [{ state: first }];
  const second = rng.pick(isTerminal(first) ? SECOND_AFTER_TERMINAL : SECOND_AFTER_LIVE);
  // Oldest first: a terminal application is older than a live one.
  return isTerminal(second) && !isTerminal(first)
    ? [{ state: second }, { state: first }]
    : [{ state: first }, { state: second }];
}

/** Converts the population's Apiture people into applications and enrollments. */
export function seedApiture(population: Population): ApitureSeed {
  const applications: ApplicationRecord[] = [];
  const enrollments: EnrollmentRecord[] = [];
  peopleIn(population, 'apiture').forEach((person, position) => {
    const rng = vendorRng(population, 'apiture', person.index);
    const showcase = person.index === 0;
    const contactAt = iso(EPOCH_MS - rng.int(60, 900) * DAY_MS - rng.int(0, 86_399_999));
    const who = apiturePerson(person, rng, contactAt);
    const choices = showcase ? SHOWCASE_APPLICATIONS : choicesFor(position, rng);
    for (const choice of choices) applications.push(buildApplication(person, who, choice, rng));
    if (showcase) {
      enrollments.push(buildEnrollment(person, who, 'approved', true, rng));
    } else if (rng.chance(ENROLLMENT_SHARE)) {
      const { state, verified } = ENROLLMENT_CYCLE[enrollments.length % ENROLLMENT_CYCLE.length];
      enrollments.push(buildEnrollment(person, who, state, verified, rng));
    }
  });
  return { applications, enrollments };
}
