import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  dayOf,
  type CertificateRegisterEntry,
  type Claim,
  type Page,
  type RecordRequest,
  type ServiceCertificate,
  type Team,
} from '@linli/shared';
import type { Effects } from '../../domain/effects';
import type { ActivityRecord } from '../../domain/timebank/ports';
import type { RecordRequestStore, SealImage, ServiceCertificateStore } from '../../domain/timebank/record-ports';
import type { ServiceRecordLookups } from '../../domain/timebank/service-record';
import { cancellationReasons, getItem, getItems, isConditionalCheckFailed } from '../client';
import { queryAll, queryPage } from '../cursor';
import { writeWithEffects } from '../effects';
import { withoutKeys } from '../items';
import { ENTITY, keys, type TableKey } from '../keys';
import { DynamoTeamStore } from './team-store';

const PAGE_SIZE = 25;
const MEMBER_LIST_LIMIT = 100;

/** Reads `keys` in batches of 100. */
async function readAll(client: DynamoDBDocumentClient, tableName: string, all: TableKey[]) {
  const items: (Record<string, unknown> | null)[] = [];
  for (let start = 0; start < all.length; start += 100)
    items.push(...(await getItems(client, tableName, all.slice(start, start + 100))));
  return items;
}

/**
 * The service record's reads (claims, activities, teams, names), members' requests to the office,
 * and the 志愿服务记录证明 with their register, yearly sequence and the office's seal.
 */
export class DynamoServiceRecordStore implements ServiceRecordLookups, RecordRequestStore, ServiceCertificateStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  // ------------------------------------------------------------ the record's reads

  async approvedClaims(communityId: string, memberId: string): Promise<Claim[]> {
    const items = await queryAll(this.client, this.tableName, {
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :partition',
      FilterExpression: '#status = :approved',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':partition': keys.memberClaimsPartition(communityId, memberId),
        ':approved': 'approved',
      },
      ScanIndexForward: false,
    });
    return items.map((item) => withoutKeys<Claim>(item));
  }

  async activitiesById(communityId: string, activityIds: string[]): Promise<Map<string, ActivityRecord>> {
    const items = await readAll(
      this.client,
      this.tableName,
      activityIds.map((id) => keys.activity(communityId, id)),
    );
    const found = new Map<string, ActivityRecord>();
    for (const item of items) if (item) found.set(String(item.id), withoutKeys<ActivityRecord>(item));
    return found;
  }

  listTeams(communityId: string): Promise<Team[]> {
    return new DynamoTeamStore(this.client, this.tableName).listTeams(communityId);
  }

  async memberNames(communityId: string, memberIds: string[]): Promise<Map<string, string>> {
    const items = await readAll(
      this.client,
      this.tableName,
      memberIds.map((id) => keys.member(communityId, id)),
    );
    const names = new Map<string, string>();
    for (const item of items) if (item) names.set(String(item.userId), String(item.displayName));
    return names;
  }

  // ------------------------------------------------------------ requests

  async createRequest(request: RecordRequest, effects: Effects, maxOpen: number): Promise<'created' | 'too_many'> {
    const counted = {
      Update: {
        TableName: this.tableName,
        Key: keys.openRecordRequests(request.communityId, request.memberId),
        UpdateExpression: 'ADD #open :one SET #type = :type',
        ConditionExpression: 'attribute_not_exists(#open) OR #open < :max',
        ExpressionAttributeNames: { '#open': 'open', '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':max': maxOpen, ':type': ENTITY.openRecordRequests },
      },
    };
    const put = {
      Put: {
        TableName: this.tableName,
        Item: this.requestItem(request),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
    try {
      await writeWithEffects(this.client, counted, effects, { with: [put] });
      return 'created';
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'too_many';
      throw error;
    }
  }

  async getRequest(communityId: string, requestId: string): Promise<RecordRequest | null> {
    const item = await getItem(this.client, this.tableName, keys.recordRequest(communityId, requestId));
    return item ? withoutKeys<RecordRequest>(item) : null;
  }

  async listRequests(
    communityId: string,
    status: RecordRequest['status'],
    cursor: string | undefined,
  ): Promise<Page<RecordRequest>> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: 'GSI1',
      partition: keys.recordRequestQueue(communityId, status),
      cursor,
      limit: PAGE_SIZE,
      newestFirst: status !== 'open',
    });
    return { items: page.items.map((item) => withoutKeys<RecordRequest>(item)), nextCursor: page.nextCursor };
  }

  async listMemberRequests(communityId: string, memberId: string): Promise<RecordRequest[]> {
    const items = await queryAll(
      this.client,
      this.tableName,
      {
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :partition',
        ExpressionAttributeValues: { ':partition': keys.memberRecordRequests(communityId, memberId) },
        ScanIndexForward: false,
        Limit: MEMBER_LIST_LIMIT,
      },
      MEMBER_LIST_LIMIT,
    );
    return items.map((item) => withoutKeys<RecordRequest>(item));
  }

  async decideRequest(decided: RecordRequest, effects: Effects): Promise<boolean> {
    try {
      await writeWithEffects(this.client, this.decidedRequestPut(decided), effects, {
        with: [this.openCountDown(decided)],
      });
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** One open request fewer for its member (answered). */
  private openCountDown(request: RecordRequest) {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.openRecordRequests(request.communityId, request.memberId),
        UpdateExpression: 'ADD #open :minusOne',
        ExpressionAttributeNames: { '#open': 'open' },
        ExpressionAttributeValues: { ':minusOne': -1 },
      },
    };
  }

  private requestItem(request: RecordRequest) {
    return {
      ...keys.recordRequest(request.communityId, request.id),
      ...keys.recordRequestIndexes(request),
      type: ENTITY.recordRequest,
      ...request,
    };
  }

  /** The decided request replaces the open one (its queue key moves with its status). */
  private decidedRequestPut(decided: RecordRequest) {
    return {
      Put: {
        TableName: this.tableName,
        Item: this.requestItem(decided),
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':open': 'open' },
      },
    };
  }

  // ------------------------------------------------------------ certificates

  async issueCertificate(
    draft: Omit<ServiceCertificate, 'serialNumber'>,
    serialFor: (sequence: number) => string,
    effectsFor: (certificate: ServiceCertificate) => Effects,
    answers?: (certificate: ServiceCertificate) => RecordRequest,
  ): Promise<ServiceCertificate | 'request_decided'> {
    const sequenceKey = keys.serviceCertificateSequence(draft.communityId, dayOf(draft.issuedAt).slice(0, 4));
    for (let attempt = 1; ; attempt += 1) {
      const last = Number((await getItem(this.client, this.tableName, sequenceKey))?.last ?? 0);
      const certificate: ServiceCertificate = { ...draft, serialNumber: serialFor(last + 1) };
      const decided = answers?.(certificate);
      try {
        await writeWithEffects(this.client, this.sequenceStep(sequenceKey, last), effectsFor(certificate), {
          with: [
            this.certificatePut(certificate),
            ...(decided ? [this.decidedRequestPut(decided), this.openCountDown(decided)] : []),
          ],
        });
        return certificate;
      } catch (error) {
        // Another issue took the number meanwhile: read it again (the register keeps no gaps).
        if (isConditionalCheckFailed(error) && attempt < 8) continue;
        if (decided && cancellationReasons(error)?.[2] === 'ConditionalCheckFailed') return 'request_decided';
        throw error;
      }
    }
  }

  /** The yearly sequence moves from `last` to `last + 1`, only if it still stands at `last`. */
  private sequenceStep(key: TableKey, last: number) {
    return {
      Update: {
        TableName: this.tableName,
        Key: key,
        UpdateExpression: 'SET #last = :next, #type = :type',
        ConditionExpression: last === 0 ? 'attribute_not_exists(#last)' : '#last = :last',
        ExpressionAttributeNames: { '#last': 'last', '#type': 'type' },
        ExpressionAttributeValues: {
          ':next': last + 1,
          ':type': ENTITY.serviceCertificateSequence,
          ...(last === 0 ? {} : { ':last': last }),
        },
      },
    };
  }

  private certificatePut(certificate: ServiceCertificate) {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.serviceCertificate(certificate.serialNumber),
          ...keys.serviceCertificateIndexes(certificate),
          type: ENTITY.serviceCertificate,
          ...certificate,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  async getCertificate(serialNumber: string): Promise<ServiceCertificate | null> {
    const item = await getItem(this.client, this.tableName, keys.serviceCertificate(serialNumber));
    return item ? withoutKeys<ServiceCertificate>(item) : null;
  }

  async listCertificates(communityId: string, cursor: string | undefined): Promise<Page<CertificateRegisterEntry>> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: 'GSI1',
      partition: keys.serviceCertificateRegister(communityId),
      cursor,
      limit: PAGE_SIZE,
      newestFirst: true,
    });
    return { items: page.items.map(registerItem), nextCursor: page.nextCursor };
  }

  async listMemberCertificates(communityId: string, memberId: string): Promise<CertificateRegisterEntry[]> {
    const items = await queryAll(
      this.client,
      this.tableName,
      {
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :partition',
        ExpressionAttributeValues: { ':partition': keys.memberServiceCertificates(communityId, memberId) },
        ScanIndexForward: false,
        Limit: MEMBER_LIST_LIMIT,
      },
      MEMBER_LIST_LIMIT,
    );
    return items.map(registerItem);
  }

  async revokeCertificate(
    certificate: ServiceCertificate,
    revocation: { revokedAt: string; revokedBy: string; revocationReason: string },
    effects: Effects,
  ): Promise<ServiceCertificate | null> {
    try {
      await writeWithEffects(
        this.client,
        {
          Update: {
            TableName: this.tableName,
            Key: keys.serviceCertificate(certificate.serialNumber),
            UpdateExpression: 'SET revokedAt = :at, revokedBy = :by, revocationReason = :reason',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revokedAt)',
            ExpressionAttributeValues: {
              ':at': revocation.revokedAt,
              ':by': revocation.revokedBy,
              ':reason': revocation.revocationReason,
            },
          },
        },
        effects,
      );
      return { ...certificate, ...revocation };
    } catch (error) {
      if (isConditionalCheckFailed(error)) return null;
      throw error;
    }
  }

  async putSeal(communityId: string, seal: SealImage, effects: Effects): Promise<void> {
    await writeWithEffects(
      this.client,
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.certificateSeal(communityId), type: ENTITY.certificateSeal, communityId, ...seal },
        },
      },
      effects,
    );
  }

  async getSeal(communityId: string): Promise<SealImage | null> {
    const item = await getItem(this.client, this.tableName, keys.certificateSeal(communityId));
    if (!item) return null;
    const { contentType, base64, updatedAt, updatedBy } = item as unknown as SealImage;
    return { contentType, base64, updatedAt, updatedBy };
  }
}

function registerItem(item: Record<string, unknown>): CertificateRegisterEntry {
  const { services: _services, ...entry } = withoutKeys<ServiceCertificate>(item);
  return entry;
}
