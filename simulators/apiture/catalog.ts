import { Rng } from '../kit/random';

/**
 * Reference data the applications point at. Products, roles and approval types live in other
 * Apiture services (§1.2); the sandbox only needs stable ids and names for their hrefs.
 */

export interface Product {
  id: string;
  name: string;
  /** Smallest opening deposit in whole USD. */
  minimumDeposit: number;
  /** Names applicants give the new account; `{first}` is replaced by the applicant's first name. */
  accountNames: readonly string[];
}

/** A stable UUID-shaped id for a named catalogue entry, independent of the population seed. */
function catalogId(name: string): string {
  return new Rng(`apiture:catalog:${name}`).uuid();
}

function product(name: string, minimumDeposit: number, accountNames: string[]): Product {
  return { id: catalogId(`product:${name}`), name, minimumDeposit, accountNames };
}

export const PRODUCTS: readonly Product[] = [
  product('Personal Checking', 25, [
    'My Personal Checking',
    'Everyday Checking',
    "{first}'s Checking",
  ]),
  product('Premiere Savings', 100, ['My Premiere Savings', 'Rainy Day Fund', "{first}'s Savings"]),
  product('Personal Savings', 25, ['My Savings', 'Emergency Fund', 'Vacation Savings']),
  product('Money Market', 1000, ['My Money Market', 'House Fund']),
  product('6 Month CD', 500, ['6 Month CD', 'Short CD']),
  product('12 Month CD', 1000, ['12 Month CD', "{first}'s CD"]),
  product('Student Checking', 0, ['Student Checking', 'College Checking']),
];

export function productById(id: string): Product | undefined {
  return PRODUCTS.find((item) => item.id === id);
}

export function productNamed(name: string): Product {
  const found = PRODUCTS.find((item) => item.name === name);
  if (!found) throw new Error(`unknown Apiture product "${name}"`);
  return found;
}

export const PRIMARY_USER_ROLE_ID = catalogId('role:primaryUser');
export const ACCOUNT_APPLICATION_APPROVAL_TYPE_ID = catalogId('approvalType:accountApplication');
export const GOVERNMENT_ID_APPROVAL_TYPE_ID = catalogId('approvalType:governmentId');

/** Institutions of external funding accounts, with a routing number each (9 digits, §1.6). */
export const FUNDING_INSTITUTIONS: readonly { name: string; routingNumber: string }[] = [
  { name: '3rd Party Bank', routingNumber: '021000021' },
  { name: 'First Harbor Credit Union', routingNumber: '011000138' },
  { name: 'Summit National Bank', routingNumber: '026009593' },
  { name: 'Lakeside Savings Bank', routingNumber: '121000358' },
  { name: 'Pioneer Federal', routingNumber: '071000013' },
];

/** `occupation` values; only `officeAndAdministrativeSupport` and `unknown` are in the reference. */
export const OCCUPATIONS = [
  'officeAndAdministrativeSupport',
  'management',
  'healthcarePractitioners',
  'educationAndLibrary',
  'salesAndRelated',
  'computerAndMathematical',
  'unknown',
] as const;

/** `kycAnswers.employmentStatus`; only `fullTime` is in the reference. */
export const EMPLOYMENT_STATUSES = ['fullTime', 'partTime', 'selfEmployed', 'retired'] as const;

/** Vault files of the documents applicants accept (terms, privacy policy, account agreement). */
export const DOCUMENT_FILES = {
  digitalBankingTermsOfUse: catalogId('file:digitalBankingTermsOfUse'),
  privacyPolicy: catalogId('file:privacyPolicy'),
  productTermsAndConditions: catalogId('file:productTermsAndConditions'),
  accountAgreement: catalogId('file:accountAgreement'),
} as const;
