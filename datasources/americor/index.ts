export {
  AmericorClient,
  DEFAULT_POLICY,
  FAN_OUT_CONCURRENCY,
  TOKEN_REFRESH_MARGIN_MS,
  createAmericorClient,
} from './client';
export type * from './models';
