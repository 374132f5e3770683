import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { VolunteerProfileRecord, VolunteerProfileStore } from '../../domain/timebank/volunteer-profile';
import { getItem, isConditionalCheckFailed } from '../client';
import { withoutKeys } from '../items';
import { ENTITY, keys } from '../keys';

/** Volunteer profiles (志愿者资料), one item per member of a community; the ID number sealed. */
export class DynamoVolunteerProfileStore implements VolunteerProfileStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getProfile(communityId: string, userId: string): Promise<VolunteerProfileRecord | null> {
    const item = await getItem(this.client, this.tableName, keys.volunteerProfile(communityId, userId));
    return item ? withoutKeys<VolunteerProfileRecord>(item) : null;
  }

  async eraseIdNumber(communityId: string, userId: string, now: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.volunteerProfile(communityId, userId),
          UpdateExpression: 'REMOVE idNumberSealed, idNumberMasked SET updatedAt = :now',
          ConditionExpression: 'attribute_exists(idNumberSealed) OR attribute_exists(idNumberMasked)',
          ExpressionAttributeValues: { ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async putProfile(profile: VolunteerProfileRecord, readAt: string | null): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.volunteerProfile(profile.communityId, profile.userId),
            type: ENTITY.volunteerProfile,
            ...profile,
          },
          ...(readAt === null
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : { ConditionExpression: 'updatedAt = :readAt', ExpressionAttributeValues: { ':readAt': readAt } }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
