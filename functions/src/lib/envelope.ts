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
  /** The data key, encrypted with the master key. */
  wrappedKey: string;
  wrapIv: string;
  wrapTag: string;
  /** Which master key wrapped it (for a rotation). */
  keyVersion: number;
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

/** Opens a sealed field (throws when the master key, the context or the field does not match). */
export function openField(sealed: SealedField, masterKey: Buffer, context: string): string {
  const b64 = (value: string) => Buffer.from(value, 'base64');
  const dataKey = decrypt(
    masterKey,
    { ciphertext: b64(sealed.wrappedKey), iv: b64(sealed.wrapIv), tag: b64(sealed.wrapTag) },
    context,
  );
  const plain = decrypt(
    dataKey,
    { ciphertext: b64(sealed.ciphertext), iv: b64(sealed.iv), tag: b64(sealed.tag) },
    context,
  );
  dataKey.fill(0);
  return plain.toString('utf8');
}
