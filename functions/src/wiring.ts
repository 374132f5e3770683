import {
  DynamoCommunityStore,
  DynamoDistrictStore,
  DynamoInvitationStore,
  DynamoUserStore,
} from './store/identity/identity-store';
import { DynamoExportStore } from './store/office/export-store';
import { DynamoFundStore } from './store/fund/fund-store';
import { DynamoLedgerStore } from './store/ledger/ledger-store';
import { DynamoShopStore } from './store/shop/shop-store';
import { DynamoMerchantStore } from './store/market/merchant-store';
import { DynamoSupermarketStore } from './store/market/supermarket-store';
import {
  DynamoActivityStore,
  DynamoAttendanceStore,
  DynamoCertificateStore,
  DynamoClaimStore,
} from './store/timebank/timebank-store';
import { DynamoTeamStore } from './store/timebank/team-store';
import { getDocumentClient } from './store/client';
import { DynamoOfficeStore } from './store/office/office-store';
import { DynamoSignupStore } from './store/timebank/signup-store';
import { DynamoVolunteerProfileStore } from './store/timebank/profile-store';
import { DynamoServiceRecordStore } from './store/timebank/service-record-store';
import { DynamoProxyStore } from './store/identity/proxy-store';
import { DynamoConsentStore } from './store/identity/consent-store';
import { env } from './lib/env';
import { openField, openFieldWith, sealField, sealFieldWith } from './lib/envelope';
import { kmsDataKeys } from './gateways/kms-data-keys';
import { checkTextWithWechat } from './gateways/content-security';
import type { TextChecker } from './domain/office/content-screening';
import type { FieldSealer } from './domain/timebank/volunteer-profile';
import type { DataExportDependencies, PersonalDataStore } from './domain/identity/data-export';
import { sendSubscribeMessage } from './gateways/subscribe-messages';
import { miniProgramCodes } from './gateways/mini-program-code';
import { wechatSessionClient } from './gateways/wechat';
import { orderShippingGateway } from './gateways/order-shipping';
import type { ShippingDependencies } from './domain/shop/shipping';
import { DynamoImageStore } from './store/media/image-store';
import { s3ObjectStorage } from './gateways/object-storage';
import { askMediaCheck } from './gateways/media-check';
import type { MediaDependencies, ObjectStorage } from './domain/media/ports';

/**
 * The composition root: the production wiring of ports to adapters (the DynamoDB stores here,
 * the outside world's gateways below), built lazily once per container.
 */
export const stores = {
  users: () => new DynamoUserStore(getDocumentClient(), env.tableName()),
  communities: () => new DynamoCommunityStore(getDocumentClient(), env.tableName()),
  ledger: () => new DynamoLedgerStore(getDocumentClient(), env.tableName()),
  activities: () => new DynamoActivityStore(getDocumentClient(), env.tableName()),
  attendances: () => new DynamoAttendanceStore(getDocumentClient(), env.tableName()),
  signups: () => new DynamoSignupStore(getDocumentClient(), env.tableName()),
  volunteerProfiles: () => new DynamoVolunteerProfileStore(getDocumentClient(), env.tableName()),
  /** The service record's reads, members' requests about it, and the 志愿服务记录证明. */
  serviceRecords: () => new DynamoServiceRecordStore(getDocumentClient(), env.tableName()),
  claims: () => new DynamoClaimStore(getDocumentClient(), env.tableName()),
  certificates: () => new DynamoCertificateStore(getDocumentClient(), env.tableName()),
  teams: () => new DynamoTeamStore(getDocumentClient(), env.tableName()),
  merchants: () => new DynamoMerchantStore(getDocumentClient(), env.tableName()),
  supermarket: () => new DynamoSupermarketStore(getDocumentClient(), env.tableName()),
  fund: () => new DynamoFundStore(getDocumentClient(), env.tableName()),
  shop: () => new DynamoShopStore(getDocumentClient(), env.tableName()),
  exports: () => new DynamoExportStore(getDocumentClient(), env.tableName()),
  office: () => new DynamoOfficeStore(getDocumentClient(), env.tableName()),
  proxies: () => new DynamoProxyStore(getDocumentClient(), env.tableName()),
  /** A user's consents (the privacy guide's version accepted…), in their own partition. */
  consents: () => new DynamoConsentStore(getDocumentClient(), env.tableName()),
  /** Photos and WeChat's image-check trace ids. */
  images: () => new DynamoImageStore(getDocumentClient(), env.tableName()),
  invitations: () => new DynamoInvitationStore(getDocumentClient(), env.tableName()),
  districts: () => new DynamoDistrictStore(getDocumentClient(), env.tableName()),
};

/**
 * The outside world, behind the domain's ports: WeChat's login (code2Session) and subscribe
 * messages, WeChat Pay. The composition root is the only module that imports both `store/` and `gateways/`.
 */
export const gateways = {
  wechatSession: () => wechatSessionClient,
  /**
   * Content security: each text checked by WeChat's msgSecCheck v2 under its author's openid (read
   * from the user; a user without one — none on a real stage — is held for review).
   */
  /** A new user's nickname, checked under their openid (the profile scene). */
  nicknameChecker: () => (openid: string, nickname: string) =>
    checkTextWithWechat({ openid, scene: 'profile', text: nickname }),
  textChecker: (): TextChecker => ({
    check: async ({ userId, scene, text }) => {
      const user = await stores.users().getUser(userId);
      if (!user?.openid) return 'unavailable';
      return checkTextWithWechat({ openid: user.openid, scene, text });
    },
  }),
  /**
   * Seals personal fields (envelope encryption): with a data key from AWS KMS where the stage names
   * one (`DATA_KMS_KEY_ID`, production), else under the stage's local master key (the dev stage).
   * Fields sealed either way open either way, so a stage can move to KMS without re-sealing.
   */
  sealer: (): FieldSealer => {
    const keyId = env.dataKmsKeyId();
    const kms = keyId ? kmsDataKeys(keyId, env.kmsEndpoint()) : undefined;
    return {
      seal: async (value, context) =>
        kms ? sealFieldWith(value, kms, context) : sealField(value, await env.dataMasterKey(), context),
      open: async (sealed, context) =>
        kms
          ? openFieldWith(sealed, kms, context, () => env.dataMasterKey())
          : openField(sealed, await env.dataMasterKey(), context),
    };
  },
  subscribeMessages: () => ({ send: sendSubscribeMessage }),
  /** The photos' bucket (S3; a local S3-compatible server on the dev stage). */
  objectStorage: (): ObjectStorage => (storage ??= s3ObjectStorage(env.imagesBucket(), env.s3Endpoint())),
  /** WeChat's order-shipping service (发货信息管理): shipping uploads and receipt reminders. */
  orderShipping: () => orderShippingGateway,
  /** Mini-program codes (小程序码) from WeChat's getUnlimitedQRCode. */
  miniProgramCodes: () => miniProgramCodes,
};

let storage: ObjectStorage | undefined;

/** The photos' store and bucket: what resolving photos on a page needs. */
export const imageReading = () => ({ images: stores.images(), storage: gateways.objectStorage() });

/**
 * Everything the photo use cases need (domain/media): the table, the bucket, WeChat's image check
 * under the uploader's openid (a user without one — none on a real stage — is held for review), and
 * the byte processing (`functions/src/images`, heavy: only the media function passes it in).
 */
export const mediaDependencies = (processor: MediaDependencies['processor']): MediaDependencies => ({
  ...imageReading(),
  checker: {
    ask: async ({ userId, scene, mediaUrl }) => {
      const user = await stores.users().getUser(userId);
      if (!user?.openid) return 'unavailable';
      return askMediaCheck({ openid: user.openid, scene, mediaUrl });
    },
  },
  processor,
});

/**
 * What the data export needs (issue 20) around its reads: community names and the sealer that opens
 * the person's own ID number. The reads themselves (`store/identity/personal-data-store.ts`) are
 * built by the export's handler, so only the identity function carries them (every function bundles
 * this file, and the office function is at its size budget).
 */
export const dataExportDependencies = (records: PersonalDataStore): DataExportDependencies => ({
  records,
  communityName: async (communityId) => (await stores.communities().getCommunity(communityId))?.name,
  sealer: gateways.sealer(),
});

/** What the shipping-upload use cases need, as wired in production (see domain/shop/shipping.ts). */
export const shippingDependencies = (): ShippingDependencies => ({
  shop: stores.shop(),
  users: stores.users(),
  shipping: gateways.orderShipping(),
  uploadDevPayments: env.shippingUploadsForDevPayments(),
});
