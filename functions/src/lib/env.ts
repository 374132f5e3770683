import { hkdfSync } from 'node:crypto';
import { getSecret } from './secrets';

/**
 * Configuration read from the environment with fail-fast getters: a missing
 * value is a deployment mistake and surfaces as a clear error on first use.
 */
function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`Environment variable ${name} is required`);
  }
  return value;
}

/**
 * WeChat Pay API v3 (直连商户), the parts Linli uses: JSAPI prepay, close, query by
 * out_trade_no and refund — each request signed with the merchant's private key (RSA-SHA256)
 * and each reply believed only once its `Wechatpay-Signature` verifies with the platform key
 * named by `Wechatpay-Serial` and its timestamp is within 5 minutes; the parameters
 * `wx.requestPayment` needs; and the notifications (payment and refund), verified the same way,
 * their `resource` decrypted with AES-256-GCM and the APIv3 key. Request bodies are built by
 * the exported `*Request` functions and checked against WeChat's documented limits
 * (`wechat-pay-rules.ts`) before they are sent.
 */
export interface WechatPayConfig {
  apiBase: string;
  appId: string;
  merchantId: string;
  merchantSerial: string;
  merchantPrivateKey: string;
  apiV3Key: string;
  /** Platform certificate / WeChat Pay public key, by serial. */
  platformPublicKeys: Record<string, string>;
  notifyUrl: string;
}

export const env = {
  tableName: () => required('TABLE_NAME'),
  /**
   * Only a function told `STAGE=dev` (serverless.yml sets it; the local stack and the tests run as
   * dev) is on the dev stage: a function without a stage is not. The dev routes are not even
   * deployed elsewhere (`infra/functions.ts`); this check is the second lock.
   */
  isDevStage: () => process.env.STAGE === 'dev',
  /** Set only locally: the DynamoDB Local endpoint. */
  dynamodbEndpoint: () => process.env.DYNAMODB_ENDPOINT || undefined,
  jwtSecret: async () => {
    const secret = await getSecret('jwt-secret', 'JWT_SECRET');
    if (Buffer.byteLength(secret) < 32) throw new Error('The JWT secret must be at least 32 bytes');
    return secret;
  },
  /** During a key rotation: tokens signed with the previous secret stay valid until they expire. */
  jwtPreviousSecret: async (): Promise<string | undefined> => {
    if (process.env.JWT_SECRET_PREVIOUS) return process.env.JWT_SECRET_PREVIOUS;
    if (!process.env.SECRETS_SSM_PREFIX || process.env.JWT_ROTATION !== 'on') return undefined;
    return getSecret('jwt-secret-previous', 'JWT_SECRET_PREVIOUS');
  },
  /**
   * The platform operators' WeChat openids (`PLATFORM_ADMIN_OPENIDS`, comma-separated, from the
   * environment or SSM `…/platform-admin-openids`); on the dev stage the dev login `demo-platform`
   * is one too. Nobody is an operator where none are configured.
   */
  platformOperatorOpenids: async (): Promise<Set<string>> => {
    const configured =
      process.env.PLATFORM_ADMIN_OPENIDS ??
      (process.env.SECRETS_SSM_PREFIX
        ? await getSecret('platform-admin-openids', 'PLATFORM_ADMIN_OPENIDS').catch(() => '')
        : '');
    const openids = new Set(
      configured
        .split(',')
        .map((openid) => openid.trim())
        .filter(Boolean),
    );
    if (process.env.STAGE === 'dev') openids.add('demo-platform');
    return openids;
  },
  /**
   * The key that wraps each personal field's own data key (envelope encryption, `lib/envelope.ts`):
   * 32 bytes, hex — `DATA_MASTER_KEY` or SSM `…/data-master-key` (SecureString). On the dev stage
   * without one, a local key derived from the JWT secret (never used on a real stage).
   */
  /** The KMS key whose data keys seal personal fields (production); none on the dev stage. */
  dataKmsKeyId: () => process.env.DATA_KMS_KEY_ID || undefined,
  /** Another KMS endpoint (a local stand-in in tests); AWS's regional one when unset. */
  kmsEndpoint: () => process.env.KMS_ENDPOINT || undefined,
  dataMasterKey: async (): Promise<Buffer> => {
    const configured =
      process.env.DATA_MASTER_KEY ??
      (process.env.SECRETS_SSM_PREFIX ? await getSecret('data-master-key', 'DATA_MASTER_KEY') : undefined);
    if (configured) {
      const key = Buffer.from(configured, 'hex');
      if (key.length !== 32) throw new Error('DATA_MASTER_KEY must be 32 bytes in hex');
      return key;
    }
    if (process.env.STAGE !== 'dev') throw new Error('DATA_MASTER_KEY is not configured');
    const jwt = await getSecret('jwt-secret', 'JWT_SECRET');
    return Buffer.from(hkdfSync('sha256', jwt, 'linli', 'linli-dev-data-master-key', 32));
  },
  tokenTtlSeconds: () => Number(process.env.TOKEN_TTL_SECONDS ?? 7200),
  wechatAppId: () => required('WECHAT_APP_ID'),
  wechatAppSecret: () => getSecret('wechat-app-secret', 'WECHAT_APP_SECRET'),
  wechatApiBase: () => process.env.WECHAT_API_BASE || 'https://api.weixin.qq.com',
  /**
   * Whether orders paid on the dev stage's dev-pay route (which WeChat never saw) have their
   * shipping uploaded too: only on the dev stage and only when WECHAT_API_BASE is not WeChat's own
   * (i.e. a stand-in), so the whole flow can be tried locally without real WeChat refusing them.
   */
  shippingUploadsForDevPayments: () =>
    process.env.STAGE === 'dev' &&
    (process.env.WECHAT_API_BASE || 'https://api.weixin.qq.com') !== 'https://api.weixin.qq.com',
  /**
   * Which version of the mini-program a mini-program code opens (getUnlimitedQRCode's `env_version`):
   * `WECHAT_MINIPROGRAM_VERSION` (`release`, `trial` or `develop`), else `develop` on the dev stage
   * and `release` elsewhere.
   */
  wechatMiniProgramVersion: (): 'release' | 'trial' | 'develop' => {
    const configured = process.env.WECHAT_MINIPROGRAM_VERSION;
    if (configured === 'release' || configured === 'trial' || configured === 'develop') return configured;
    return process.env.STAGE === 'dev' ? 'develop' : 'release';
  },
  /**
   * The token of the mini-program's message push (消息推送, set in WeChat's console beside the
   * server URL `…/v1/wechat/messages`): `WECHAT_PUSH_TOKEN` or SSM `…/wechat-push-token`.
   */
  wechatPushToken: () => getSecret('wechat-push-token', 'WECHAT_PUSH_TOKEN'),
  /** The photos' bucket (`linli-<stage>-images`, infra/serverless-resources.js). */
  imagesBucket: () => required('IMAGES_BUCKET'),
  /** Set only locally: the S3-compatible server's endpoint (path-style addressing). */
  s3Endpoint: () => process.env.S3_ENDPOINT || undefined,
  corsOrigin: () => process.env.CORS_ORIGIN || '*',
  /** The H5 app's base address (`https://linli.example.cn`): certificates' QR codes lead to its check page. */
  publicAppUrl: () => (process.env.PUBLIC_APP_URL || 'http://127.0.0.1:10086').replace(/\/+$/, ''),
  /** WeChat Pay v3, or null where it is not configured (then only the dev stage can take orders). */
  wechatPay: async (): Promise<WechatPayConfig | null> => {
    const merchantId = process.env.WECHAT_PAY_MCHID;
    if (!merchantId) return null;
    return {
      apiBase: process.env.WECHAT_PAY_API_BASE || 'https://api.mch.weixin.qq.com',
      appId: required('WECHAT_APP_ID'),
      merchantId,
      merchantSerial: required('WECHAT_PAY_SERIAL'),
      merchantPrivateKey: await getSecret('wechat-pay-private-key', 'WECHAT_PAY_PRIVATE_KEY'),
      apiV3Key: await getSecret('wechat-pay-apiv3-key', 'WECHAT_PAY_APIV3_KEY'),
      platformPublicKeys: JSON.parse(required('WECHAT_PAY_PLATFORM_KEYS')) as Record<string, string>,
      notifyUrl: required('WECHAT_PAY_NOTIFY_URL'),
    };
  },
};
