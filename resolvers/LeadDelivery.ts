import type { LeadDeliveryResolvers } from '../src/__generated__/resolvers-types';

export const LeadDelivery: LeadDeliveryResolvers = {
  // Kept as ms since the epoch; shown only while the delivery waits.
  nextAttemptAt: (delivery) =>
    delivery.status === 'PENDING' ? new Date(delivery.nextAttemptAt).toISOString() : null,
};
