import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { ATTRIBUTES, INDEXES } from '../functions/src/store/keys';

/**
 * The one Linli table, described once. serverless.yml turns it into a
 * CloudFormation resource (infra/serverless-resources.js); the local stack
 * and the tests create it in DynamoDB Local from the same description.
 */
export function tableDefinition(tableName: string) {
  const stringAttribute = (AttributeName: string) => ({ AttributeName, AttributeType: 'S' as const });
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [
      stringAttribute(ATTRIBUTES.partitionKey),
      stringAttribute(ATTRIBUTES.sortKey),
      stringAttribute(ATTRIBUTES.gsi1PartitionKey),
      stringAttribute(ATTRIBUTES.gsi1SortKey),
      stringAttribute(ATTRIBUTES.gsi2PartitionKey),
      stringAttribute(ATTRIBUTES.gsi2SortKey),
    ],
    KeySchema: [
      { AttributeName: ATTRIBUTES.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: ATTRIBUTES.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: INDEXES.gsi1,
        KeySchema: [
          { AttributeName: ATTRIBUTES.gsi1PartitionKey, KeyType: 'HASH' as const },
          { AttributeName: ATTRIBUTES.gsi1SortKey, KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'ALL' as const },
      },
      {
        IndexName: INDEXES.gsi2,
        KeySchema: [
          { AttributeName: ATTRIBUTES.gsi2PartitionKey, KeyType: 'HASH' as const },
          { AttributeName: ATTRIBUTES.gsi2SortKey, KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'ALL' as const },
      },
    ],
    timeToLiveAttribute: ATTRIBUTES.timeToLive,
  };
}

/** The CloudFormation resource that `osls deploy` creates. */
export function cloudFormationTable(tableName: string) {
  const { timeToLiveAttribute, ...properties } = tableDefinition(tableName);
  return {
    Type: 'AWS::DynamoDB::Table',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      ...properties,
      TimeToLiveSpecification: { AttributeName: timeToLiveAttribute, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
    },
  };
}

/** The same table as a CreateTable request, for DynamoDB Local. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const { timeToLiveAttribute: _timeToLive, ...input } = tableDefinition(tableName);
  return input;
}
