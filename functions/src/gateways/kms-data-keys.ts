import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import type { DataKeySource } from '../lib/envelope';

/**
 * Data keys from AWS KMS (envelope encryption of personal fields in production): `GenerateDataKey`
 * (AES_256) under the stage's key, and `Decrypt` to open one; the field's context (`idNumber:{cid}:{uid}`)
 * is the KMS encryption context, so a wrapped key copied onto another person's item does not open, and
 * CloudTrail logs which field each decryption was for. AWS docs: KMS API Reference, GenerateDataKey and
 * Decrypt; "Encryption context" in the KMS Developer Guide.
 *
 * @param keyId the KMS key's id, ARN or alias (`alias/linli-prod-data`)
 * @param endpoint another KMS endpoint (a local stand-in in tests); AWS's regional one otherwise
 */
export function kmsDataKeys(keyId: string, endpoint?: string): DataKeySource {
  const client = new KMSClient(endpoint ? { endpoint } : {});
  const encryptionContext = (context: string) => ({ field: context });
  return {
    async generate(context) {
      const reply = await client.send(
        new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: encryptionContext(context) }),
      );
      if (!reply.Plaintext || !reply.CiphertextBlob) throw new Error('KMS GenerateDataKey returned no key');
      return { plaintext: Buffer.from(reply.Plaintext), wrapped: Buffer.from(reply.CiphertextBlob) };
    },
    async unwrap(wrapped, context) {
      const reply = await client.send(
        new DecryptCommand({ KeyId: keyId, CiphertextBlob: wrapped, EncryptionContext: encryptionContext(context) }),
      );
      if (!reply.Plaintext) throw new Error('KMS Decrypt returned no key');
      return Buffer.from(reply.Plaintext);
    },
  };
}
