import { DynamoCommunityStore, DynamoUserStore } from '../store/identity-store';
import { getDocumentClient } from '../store/client';
import { env } from './env';

/** The production wiring of ports to adapters, built lazily once per container. */
export const stores = {
  users: () => new DynamoUserStore(getDocumentClient(), env.tableName()),
  communities: () => new DynamoCommunityStore(getDocumentClient(), env.tableName()),
};
