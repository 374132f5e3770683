import { createHash, createHmac } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ObjectStorage } from '../domain/media/ports';

/** RFC 3986 percent-encoding, as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
const uriEncode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex');
const hmac = (key: string | Buffer, value: string) => createHmac('sha256', key).update(value).digest();

/**
 * A SigV4 presigned URL (AWS docs, "Authenticating Requests: Using Query Parameters (AWS Signature
 * Version 4)"): the canonical request with an unsigned payload, the string to sign over the
 * credential scope `date/region/s3/aws4_request`, the signing key derived from the secret; the
 * credentials are the function's own (Lambda's `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
 * `AWS_SESSION_TOKEN`). Written here rather than with the SDK's presigner: that one bundles 140 KB of
 * @smithy/core into every function that shows a photo.
 */
export function presignedUrl(input: {
  method: 'GET' | 'PUT';
  url: URL;
  headers: Record<string, string>;
  expiresInSeconds: number;
  signingDate: Date;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}): string {
  const amzDate = input.signingDate
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${input.region}/s3/aws4_request`;
  const headers: Record<string, string> = { host: input.url.host };
  for (const [name, value] of Object.entries(input.headers)) headers[name.toLowerCase()] = value.trim();
  const signedHeaders = Object.keys(headers).sort().join(';');
  const query: Record<string, string> = {
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${input.credentials.accessKeyId}/${scope}`,
    'X-Amz-Date': amzDate,
    'X-Amz-Expires': String(input.expiresInSeconds),
    'X-Amz-SignedHeaders': signedHeaders,
    ...(input.credentials.sessionToken ? { 'X-Amz-Security-Token': input.credentials.sessionToken } : {}),
  };
  const canonicalQuery = Object.keys(query)
    .sort()
    .map((name) => `${uriEncode(name)}=${uriEncode(query[name]!)}`)
    .join('&');
  const canonicalHeaders = Object.keys(headers)
    .sort()
    .map((name) => `${name}:${headers[name]}\n`)
    .join('');
  const canonicalRequest = [
    input.method,
    input.url.pathname,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${input.credentials.secretAccessKey}`, day);
  for (const part of [input.region, 's3', 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  return `${input.url.origin}${input.url.pathname}?${canonicalQuery}&X-Amz-Signature=${signature}`;
}

/** A presigned URL is signed at the start of its hour and lasts two: the same URL all hour long (browsers cache it). */
const READ_URL_HOURS = 2;

/** Presigned URLs of one bucket's objects: path-style on a local endpoint, virtual-hosted on AWS. */
function bucketSigner(bucket: string, endpoint?: string) {
  return async (
    method: 'GET' | 'PUT',
    key: string,
    expiresInSeconds: number,
    signingDate: Date,
    headers: Record<string, string> = {},
  ): Promise<string> => {
    const region = process.env.AWS_REGION || 'us-east-1';
    const base = endpoint ? `${endpoint}/${bucket}` : `https://${bucket}.s3.${region}.amazonaws.com`;
    const url = new URL(`${base}/${key.split('/').map(uriEncode).join('/')}`);
    return presignedUrl({
      method,
      url,
      headers,
      expiresInSeconds,
      signingDate,
      region,
      credentials: {
        accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '',
        secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
        sessionToken: process.env.AWS_SESSION_TOKEN || undefined,
      },
    });
  };
}

/**
 * The photos' bucket through S3's API (AWS SDK v3): put, get, head and delete objects, and
 * presigned URLs (SigV4 query signing — AWS docs "Authenticating Requests: Using Query Parameters")
 * for a browser to `PUT` one file of a fixed type and size, or to `GET` one. Production: the stage's
 * bucket, virtual-hosted URLs, the function's role credentials (a URL lives at most as long as they
 * do). Dev stage: `endpoint` (a local S3-compatible server), path-style URLs.
 *
 * @param bucket the bucket's name
 * @param endpoint another S3 endpoint (`http://127.0.0.1:4569`); AWS's regional one when absent
 */
export function s3ObjectStorage(bucket: string, endpoint?: string): ObjectStorage {
  // Checksums only when an operation requires one: a presigned PUT must not carry the SDK's default
  // CRC32 of an empty body (AWS SDK v3 ≥ 3.729 adds one to every PutObject otherwise).
  // The SDK's S3 client is loaded on first use: only completing an upload and taking a photo down touch
  // the files; every other function just signs read URLs (and never loads it at a cold start).
  let s3: Promise<{ client: S3Client; sdk: typeof import('@aws-sdk/client-s3') }> | undefined;
  const s3Client = () =>
    (s3 ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    })));
  const presign = bucketSigner(bucket, endpoint);

  return {
    uploadUrl: (key, contentType, bytes, expiresInSeconds, now) =>
      presign('PUT', key, expiresInSeconds, now, { 'content-type': contentType, 'content-length': String(bytes) }),
    readUrl: (key, now) => {
      const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
      return presign('GET', key, READ_URL_HOURS * 3600, hour);
    },
    async head(key) {
      try {
        const { client, sdk } = await s3Client();
        const reply = await client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { bytes: reply.ContentLength ?? 0, contentType: reply.ContentType ?? '' };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async get(key) {
      const { client, sdk } = await s3Client();
      try {
        const reply = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
        return Buffer.from(await reply.Body!.transformToByteArray());
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async put(key, bytes, contentType) {
      const { client, sdk } = await s3Client();
      await client.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }));
    },
    async remove(keys) {
      const { client, sdk } = await s3Client();
      await Promise.all(keys.map((Key) => client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key }))));
    },
  };
}

function isNotFound(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NotFound' || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404;
}
