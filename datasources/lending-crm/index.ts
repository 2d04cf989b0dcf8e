export { DEFAULT_POLICY, LendingCrmClient, createLendingCrmClient } from './client';
export type {
  LendingCrmClientInput,
  LendingCrmClientMatch,
  LendingCrmClientModel,
  LendingCrmClientPatch,
} from './models';
