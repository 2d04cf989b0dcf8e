/**
 * The agency's configuration: carriers, product lines, staff, lead sources, pipelines and the
 * like. Fixed data (the same for every seed), served as is by the configuration endpoints. The
 * names are fictional; ids echo the magnitudes in the vendor's samples (carrier 91, agent 6818,
 * policy type 25, lead source 10703, location `A0A0070`).
 */

export interface Carrier {
  id: number;
  name: string;
  standardCarrierCode: string;
}

export const CARRIERS: readonly Carrier[] = [
  { id: 91, name: 'Harborline Mutual', standardCarrierCode: 'HBLM' },
  { id: 92, name: 'Granite Shield Insurance', standardCarrierCode: 'GRSH' },
  { id: 93, name: 'Prairie Fire & Casualty', standardCarrierCode: 'PRFC' },
  { id: 94, name: 'Lakeside Life Assurance', standardCarrierCode: 'LKLA' },
  { id: 95, name: 'Summit Specialty Group', standardCarrierCode: 'SMSG' },
  { id: 96, name: 'Bluewater Marine & Auto', standardCarrierCode: 'BWMA' },
];

export interface ProductCategory {
  id: number;
  name: string;
}

export const PRODUCT_CATEGORIES: readonly ProductCategory[] = [
  { id: 1, name: 'Personal Lines' },
  { id: 2, name: 'Commercial Lines' },
  { id: 3, name: 'Life & Health' },
];

export interface ProductLine {
  id: number;
  name: string;
  productCategoryId: number;
  standardProductLineCode: string;
}

export const PRODUCT_LINES: readonly ProductLine[] = [
  { id: 25, name: 'Personal Auto', productCategoryId: 1, standardProductLineCode: 'AUTOP' },
  { id: 26, name: 'Homeowners', productCategoryId: 1, standardProductLineCode: 'HOME' },
  { id: 27, name: 'Renters', productCategoryId: 1, standardProductLineCode: 'RENT' },
  { id: 28, name: 'Personal Umbrella', productCategoryId: 1, standardProductLineCode: 'UMBRP' },
  { id: 29, name: 'Term Life', productCategoryId: 3, standardProductLineCode: 'LIFE' },
  { id: 30, name: 'Motorcycle', productCategoryId: 1, standardProductLineCode: 'MTRCY' },
  { id: 31, name: 'Boatowners', productCategoryId: 1, standardProductLineCode: 'BOAT' },
  { id: 32, name: 'Business Owners Policy', productCategoryId: 2, standardProductLineCode: 'BOP' },
];

/** Which carriers write which product line (seed data only: the API accepts any pair). */
export const CARRIERS_BY_PRODUCT_LINE: Readonly<Record<number, readonly number[]>> = {
  25: [91, 92, 93, 96],
  26: [91, 92, 93],
  27: [91, 92],
  28: [92, 95],
  29: [94],
  30: [93, 96],
  31: [96],
  32: [95, 92],
};

export interface Employee {
  id: number;
  firstname: string;
  lastname: string;
  email: string;
  phone: string;
  isProducer: boolean;
  isActive: boolean;
  isOwner: boolean;
  userId: number;
  avatar: string | null;
  externalSystem: string | null;
  externalIds: string[];
}

export const EMPLOYEES: readonly Employee[] = [
  employee(6818, 'Morgan', 'Blake', true, true),
  employee(6819, 'Casey', 'Nguyen', true, false),
  employee(6820, 'Riley', 'Okafor', true, false),
  employee(6821, 'Dana', 'Whitfield', false, false),
  employee(6822, 'Jesse', 'Park', false, false),
];

function employee(
  id: number,
  firstname: string,
  lastname: string,
  isProducer: boolean,
  isOwner: boolean,
): Employee {
  return {
    id,
    firstname,
    lastname,
    email: `${firstname}.${lastname}@agency.example.com`.toLowerCase(),
    phone: `(617) 555-01${String(id % 100).padStart(2, '0')}`,
    isProducer,
    isActive: true,
    isOwner,
    userId: id + 100_000,
    avatar: null,
    externalSystem: null,
    externalIds: [],
  };
}

/** "First Last" of an employee; empty for an unknown id. */
export function employeeName(id: number): string {
  const found = EMPLOYEES.find((e) => e.id === id);
  return found ? `${found.firstname} ${found.lastname}` : '';
}

/** The sandbox's logged-in user: the agency owner, as the vendor recommends for integrations. */
export const OWNER_ID: number = EMPLOYEES.find((e) => e.isOwner)?.id ?? EMPLOYEES[0].id;

export const PRODUCER_IDS: readonly number[] = EMPLOYEES.filter((e) => e.isProducer).map(
  (e) => e.id,
);
export const CSR_IDS: readonly number[] = EMPLOYEES.filter((e) => !e.isProducer).map((e) => e.id);

export interface LeadSourceCategory {
  id: number;
  name: string;
}

export const LEAD_SOURCE_CATEGORIES: readonly LeadSourceCategory[] = [
  { id: 1, name: 'Marketing' },
  { id: 2, name: 'Referral' },
  { id: 3, name: 'Partners' },
];

export interface LeadSource {
  id: number;
  name: string;
  excludeAsSales: boolean;
  categoryId: number;
}

export const LEAD_SOURCES: readonly LeadSource[] = [
  { id: 10703, name: 'Website Quote Form', excludeAsSales: false, categoryId: 1 },
  { id: 10704, name: 'Customer Referral', excludeAsSales: false, categoryId: 2 },
  { id: 10705, name: 'Debt Relief Partner', excludeAsSales: false, categoryId: 3 },
  { id: 10706, name: 'Walk-in', excludeAsSales: false, categoryId: 1 },
  { id: 10707, name: 'Book Transfer', excludeAsSales: true, categoryId: 3 },
];

export interface Location {
  /** The location id is the location code (agency number), a string. */
  id: string;
  name: string;
}

export const LOCATIONS: readonly Location[] = [
  { id: 'A0A0070', name: 'Boston Main Office' },
  { id: 'A0A0071', name: 'Austin Branch' },
];

export interface Stage {
  id: number;
  name: string;
  seq: number;
  status: number;
}

export interface Pipeline {
  id: number;
  name: string;
  type: string;
  seq: number;
  status: number;
  stages: Stage[];
}

export const PIPELINES: readonly Pipeline[] = [
  {
    id: 1,
    name: 'Personal Lines Sales',
    type: 'sales',
    seq: 1,
    status: 1,
    stages: [
      { id: 11, name: 'New Lead', seq: 1, status: 1 },
      { id: 12, name: 'Contacted', seq: 2, status: 1 },
      { id: 13, name: 'Quoting', seq: 3, status: 1 },
      { id: 14, name: 'Quote Presented', seq: 4, status: 1 },
    ],
  },
  {
    id: 2,
    name: 'Cross-sell',
    type: 'sales',
    seq: 2,
    status: 1,
    stages: [
      { id: 21, name: 'Identified', seq: 1, status: 1 },
      { id: 22, name: 'Reviewing Coverage', seq: 2, status: 1 },
      { id: 23, name: 'Proposal Sent', seq: 3, status: 1 },
    ],
  },
];

export const END_STAGES: readonly Stage[] = [
  { id: 91, name: 'Won', seq: 1, status: 1 },
  { id: 92, name: 'Lost', seq: 2, status: 1 },
  { id: 93, name: 'X-Dated', seq: 3, status: 1 },
];

export const LOSS_REASONS: readonly { id: number; name: string }[] = [
  { id: 1, name: 'Price' },
  { id: 2, name: 'Coverage' },
  { id: 3, name: 'Unresponsive' },
  { id: 4, name: 'Went with another agency' },
];

export const ASSIGN_GROUPS: readonly { id: number; name: string }[] = [
  { id: 1, name: 'Round Robin - Personal' },
  { id: 2, name: 'Life Team' },
];

export const DEPARTMENTS: readonly { code: string; name: string }[] = [
  { code: 'PL', name: 'Personal Lines' },
  { code: 'CL', name: 'Commercial Lines' },
];

export const GROUPS: readonly { code: string; name: string }[] = [
  { code: 'SALES', name: 'Sales Team' },
  { code: 'SERVICE', name: 'Service Team' },
];

/** Tag names and the integer ids the lead detail reports them by. */
export const SEED_TAGS: readonly { id: number; name: string }[] = [
  { id: 1, name: 'VIP' },
  { id: 2, name: 'Bundle' },
  { id: 3, name: 'Renewal Review' },
  { id: 4, name: 'Referral' },
  { id: 5, name: 'Spanish Speaking' },
];

export const CUSTOM_FIELDS: readonly {
  fieldName: string;
  label: string;
  dataType: string;
  options: string[];
  targets: string[];
}[] = [
  {
    fieldName: 'cf1',
    label: 'Preferred Contact Time',
    dataType: 'singleOption',
    options: ['Morning', 'Afternoon', 'Evening'],
    targets: ['lead', 'customer'],
  },
  {
    fieldName: 'cf2',
    label: 'Renewal Review Date',
    dataType: 'date',
    options: [],
    targets: ['customer'],
  },
];

/** Marital status labels by the driver enum the docs list (1-10); leads read it back as the label. */
export const MARITAL_STATUS_LABELS: Readonly<Record<number, string>> = {
  1: 'Single',
  2: 'Married',
  3: 'Widowed',
  4: 'Separated',
  5: 'Divorced',
  6: 'Domestic Partner',
  7: 'Civil Union',
  8: 'Fiancé / Fiancée',
  9: 'Unknown',
  10: 'Other',
};
