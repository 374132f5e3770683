import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A personal field encrypted at rest (envelope encryption): the value under its own random
 * 256-bit data key (AES-256-GCM), and that data key under the master key (AES-256-GCM again), so
 * the table never holds the value or a key that opens it. Base64 throughout.
 */
export interface SealedField {
  /** The value, encrypted with the data key. */
  ciphertext: string;
  iv: string;
  tag: string;
  /** The data key, encrypted with the master key (or KMS's `CiphertextBlob` when `wrappedBy` is `kms`). */
  wrappedKey: string;
  /** The local master key's IV and tag (absent when KMS wrapped the key). */
  wrapIv?: string;
  wrapTag?: string;
  /** Which master key wrapped it (for a rotation). */
  keyVersion: number;
  /** `kms`: the data key came from AWS KMS `GenerateDataKey` and opens with `Decrypt` (production). */
  wrappedBy?: 'kms';
}

/** Where data keys come from: AWS KMS in production (`GenerateDataKey` / `Decrypt`, bound to `context`). */
export interface DataKeySource {
  generate(context: string): Promise<{ plaintext: Buffer; wrapped: Buffer }>;
  unwrap(wrapped: Buffer, context: string): Promise<Buffer>;
}

const KEY_VERSION = 1;

function encrypt(key: Buffer, plain: Buffer, context: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { ciphertext, iv, tag: cipher.getAuthTag() };
}

function decrypt(key: Buffer, sealed: { ciphertext: Buffer; iv: Buffer; tag: Buffer }, context: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}

/**
 * Seals `value` for storage. `context` (e.g. `idNumber:{communityId}:{userId}`) is bound to both
 * layers as associated data: a sealed field copied onto another person's item does not open.
 */
export function sealField(value: string, masterKey: Buffer, context: string): SealedField {
  const dataKey = randomBytes(32);
  const field = encrypt(dataKey, Buffer.from(value, 'utf8'), context);
  const wrapped = encrypt(masterKey, dataKey, context);
  dataKey.fill(0);
  return {
    ciphertext: field.ciphertext.toString('base64'),
    iv: field.iv.toString('base64'),
    tag: field.tag.toString('base64'),
    wrappedKey: wrapped.ciphertext.toString('base64'),
    wrapIv: wrapped.iv.toString('base64'),
    wrapTag: wrapped.tag.toString('base64'),
    keyVersion: KEY_VERSION,
  };
}

const b64 = (value: string) => Buffer.from(value, 'base64');

/** The value under its data key, with the key (plain) wiped once used. */
function openWithDataKey(sealed: SealedField, dataKey: Buffer, context: string): string {
  const plain = decrypt(
    dataKey,
    { ciphertext: b64(sealed.ciphertext), iv: b64(sealed.iv), tag: b64(sealed.tag) },
    context,
  );
  dataKey.fill(0);
  return plain.toString('utf8');
}

/** Opens a sealed field (throws when the master key, the context or the field does not match). */
export function openField(sealed: SealedField, masterKey: Buffer, context: string): string {
  if (sealed.wrappedBy === 'kms' || !sealed.wrapIv || !sealed.wrapTag)
    throw new Error('this field was sealed with a KMS data key: open it with openFieldWith');
  const dataKey = decrypt(
    masterKey,
    { ciphertext: b64(sealed.wrappedKey), iv: b64(sealed.wrapIv), tag: b64(sealed.wrapTag) },
    context,
  );
  return openWithDataKey(sealed, dataKey, context);
}

/**
 * Seals `value` under a data key from `keys` (AWS KMS `GenerateDataKey` with `context` as its
 * encryption context): the table holds the value encrypted and KMS's wrapped key, never a key that
 * opens it without KMS.
 */
export async function sealFieldWith(value: string, keys: DataKeySource, context: string): Promise<SealedField> {
  const { plaintext, wrapped } = await keys.generate(context);
  const field = encrypt(plaintext, Buffer.from(value, 'utf8'), context);
  plaintext.fill(0);
  return {
    ciphertext: field.ciphertext.toString('base64'),
    iv: field.iv.toString('base64'),
    tag: field.tag.toString('base64'),
    wrappedKey: wrapped.toString('base64'),
    keyVersion: KEY_VERSION,
    wrappedBy: 'kms',
  };
}

/** Opens a field sealed by {@link sealFieldWith} (KMS `Decrypt` with the same context), or a local-key one with `masterKey`. */
export async function openFieldWith(
  sealed: SealedField,
  keys: DataKeySource,
  context: string,
  masterKey?: () => Promise<Buffer>,
): Promise<string> {
  if (sealed.wrappedBy !== 'kms') {
    if (!masterKey) throw new Error('a field sealed with the local master key needs it to open');
    return openField(sealed, await masterKey(), context);
  }
  return openWithDataKey(sealed, await keys.unwrap(b64(sealed.wrappedKey), context), context);
}
