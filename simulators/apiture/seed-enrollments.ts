import type { Rng } from '../kit/random';
import type { PersonSeed } from '../population/generate';
import { DOCUMENT_FILES, GOVERNMENT_ID_APPROVAL_TYPE_ID } from './catalog';
import { PROFILES } from './constants';
import { primaryUserRole } from './people';
import type { ApiturePerson } from './people';
import { consentFor, timesFor } from './seed-common';
import { workflowStateFor } from './state-machine';
import type { EnrollmentRecord, EnrollmentState, JsonObject, JsonValue } from './types';

/** One seeded enrollment (§6.7): the applicant with contact, user, verification and fraud report. */

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

export function buildEnrollment(
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
