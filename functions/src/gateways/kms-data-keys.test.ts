import { startKmsStandIn } from '../../../scripts/local/kms';
import { openField, openFieldWith, sealField, sealFieldWith } from '../lib/envelope';
import { kmsDataKeys } from './kms-data-keys';

/**
 * Envelope encryption with data keys from KMS (production), against a local stand-in that speaks
 * KMS's JSON protocol: the table gets the value encrypted and KMS's wrapped key, the field's context
 * is KMS's encryption context, and fields sealed under the old local key still open.
 */
describe('KMS data keys', () => {
  let kms: Awaited<ReturnType<typeof startKmsStandIn>>;
  const saved = { ...process.env };
  const context = 'idNumber:demo:u1';
  const ID = '11010119900307002X';

  beforeAll(async () => {
    kms = await startKmsStandIn({ keyIds: ['alias/linli-test'] });
    Object.assign(process.env, { AWS_REGION: 'local', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  });

  afterAll(async () => {
    process.env = saved;
    await kms.close();
  });

  it('seals with GenerateDataKey and opens with Decrypt, bound to the field’s context', async () => {
    const keys = kmsDataKeys('alias/linli-test', kms.url);
    const sealed = await sealFieldWith(ID, keys, context);
    expect(sealed).toMatchObject({ wrappedBy: 'kms', keyVersion: 1 });
    expect(JSON.stringify(sealed)).not.toContain(ID);
    expect(await openFieldWith(sealed, keys, context)).toBe(ID);
    await expect(openFieldWith(sealed, keys, 'idNumber:demo:someone-else')).rejects.toThrow();
    expect(kms.calls.map((call) => [call.operation, call.context])).toEqual([
      ['GenerateDataKey', { field: context }],
      ['Decrypt', { field: context }],
      ['Decrypt', { field: 'idNumber:demo:someone-else' }],
    ]);
  });

  it('refuses a key KMS does not have, and still opens fields sealed under the local master key', async () => {
    await expect(sealFieldWith(ID, kmsDataKeys('alias/no-such-key', kms.url), context)).rejects.toThrow(
      /does not exist/,
    );
    const masterKey = Buffer.alloc(32, 7);
    const local = sealField(ID, masterKey, context);
    expect(await openFieldWith(local, kmsDataKeys('alias/linli-test', kms.url), context, async () => masterKey)).toBe(
      ID,
    );
    const viaKms = await sealFieldWith(ID, kmsDataKeys('alias/linli-test', kms.url), context);
    expect(() => openField(viaKms, masterKey, context)).toThrow(/KMS/);
  });
});
