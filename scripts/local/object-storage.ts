import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
// @ts-expect-error -- s3rver ships no types; what is used here is its documented constructor, run() and close().
import S3rver from '@20minutes/s3rver';
// @ts-expect-error -- the same package's account registry (access key → secret) that checks signatures.
import AWSAccount from '@20minutes/s3rver/lib/models/account';

/** The credentials the local stack's functions sign with (as DynamoDB Local, any pair would do there). */
export const LOCAL_STORAGE_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Browsers (the H5 app on another port) PUT photos straight to the bucket with a presigned URL and
 * then show them: the bucket's CORS rule allows exactly that, as the production bucket's does
 * (infra/serverless-resources.js).
 */
const CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

export interface ObjectStorage {
  /** `http://127.0.0.1:<port>`: the S3 endpoint (path-style) the functions use on the dev stage. */
  endpoint: string;
  bucket: string;
  close(): Promise<void>;
}

/**
 * A local S3-compatible server (s3rver: S3's REST API, SigV4 signatures and presigned URLs checked,
 * bucket CORS) for the photos' bucket, its files under `directory`. Used by `npm start` (kept in
 * `.local/`) and the tests (a fresh folder each run). The functions' local credentials are
 * registered with it, so a wrong signature or an expired URL is refused as S3 refuses it (403).
 */
export async function startObjectStorage(options: {
  directory: string;
  bucket: string;
  port?: number;
  fresh?: boolean;
}): Promise<ObjectStorage> {
  if (options.fresh) rmSync(options.directory, { recursive: true, force: true });
  mkdirSync(options.directory, { recursive: true });
  (AWSAccount as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } }).DUMMY_ACCOUNT.createKeyPair(
    LOCAL_STORAGE_CREDENTIALS.accessKeyId,
    LOCAL_STORAGE_CREDENTIALS.secretAccessKey,
  );
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory: path.resolve(options.directory),
    vhostBuckets: false,
    configureBuckets: [{ name: options.bucket, configs: [CORS] }],
  }) as { run(): Promise<{ port: number }>; close(): Promise<void> };
  const { port } = await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, bucket: options.bucket, close: () => server.close() };
}
