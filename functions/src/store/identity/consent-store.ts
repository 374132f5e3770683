import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Consent } from '@linli/shared';
import type { ConsentStore } from '../../domain/identity/ports';
import { isConditionalCheckFailed } from '../client';
import { queryAll } from '../cursor';
import { ENTITY, keys } from '../keys';
import { getEntity, withoutKeys } from '../items';

/** At most this many consent records are read per user (kinds × versions ever accepted: a handful). */
const MAX_CONSENTS = 500;

/** A user's consents in their own partition, `USER#{userId}` / `CONSENT#{kind}#{version}` (pattern 70). */
export class DynamoConsentStore implements ConsentStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listConsents(userId: string): Promise<Consent[]> {
    const items = await queryAll(
      this.client,
      this.tableName,
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':prefix': keys.consentPrefix() },
      },
      MAX_CONSENTS,
    );
    return items.map((item) => withoutKeys<Consent>(item));
  }

  /** One conditional write: new, or accepted again after a withdrawal; a standing record is left as it is. */
  async acceptConsent(userId: string, consent: Consent): Promise<Consent> {
    const key = keys.consent(userId, consent.kind, consent.version);
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression:
            'SET #type = :type, #kind = :kind, #version = :version, acceptedAt = :at REMOVE withdrawnAt',
          ConditionExpression: 'attribute_not_exists(PK) OR attribute_exists(withdrawnAt)',
          ExpressionAttributeNames: { '#type': 'type', '#kind': 'kind', '#version': 'version' },
          ExpressionAttributeValues: {
            ':type': ENTITY.consent,
            ':kind': consent.kind,
            ':version': consent.version,
            ':at': consent.acceptedAt,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return withoutKeys<Consent>(result.Attributes ?? {});
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return (await getEntity<Consent>(this.client, this.tableName, key)) ?? consent;
    }
  }

  async withdrawConsent(userId: string, consent: Consent, at: string): Promise<Consent> {
    const key = keys.consent(userId, consent.kind, consent.version);
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET withdrawnAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(withdrawnAt)',
          ExpressionAttributeValues: { ':at': at },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return withoutKeys<Consent>(result.Attributes ?? {});
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return (await getEntity<Consent>(this.client, this.tableName, key)) ?? consent;
    }
  }
}
