import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for AWS KMS that speaks its JSON protocol (awsJson1_1: `POST /`, `X-Amz-Target:
 * TrentService.<Operation>`, base64 blobs), for the two operations Linli's envelope encryption uses:
 * `GenerateDataKey` (AES_256) and `Decrypt`, each bound to its encryption context as KMS binds it —
 * a wrapped key opens only with the same context and key. Errors answer as KMS does (`__type`, HTTP 400).
 * Only keys named in `keyIds` exist; each wrapped key names its key, as KMS's CiphertextBlob does.
 */
export async function startKmsStandIn(options: { keyIds: string[]; port?: number }) {
  const keys = new Map(options.keyIds.map((keyId) => [keyId, randomBytes(32)]));
  const calls: { operation: string; keyId?: string; context?: Record<string, string> }[] = [];
  const aad = (context: Record<string, string> | undefined) =>
    Buffer.from(JSON.stringify(Object.entries(context ?? {}).sort()));

  const generate = (body: Record<string, unknown>) => {
    const keyId = String(body.KeyId);
    const key = keys.get(keyId);
    if (!key) return fail(400, 'NotFoundException', `Key '${keyId}' does not exist`);
    if (body.KeySpec !== 'AES_256') return fail(400, 'ValidationException', 'KeySpec must be AES_256 here');
    const plaintext = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aad(body.EncryptionContext as Record<string, string>));
    const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const blob = Buffer.concat([Buffer.from(`${keyId}\n`), iv, cipher.getAuthTag(), sealed]);
    return ok({ KeyId: keyId, Plaintext: plaintext.toString('base64'), CiphertextBlob: blob.toString('base64') });
  };

  const decrypt = (body: Record<string, unknown>) => {
    const blob = Buffer.from(String(body.CiphertextBlob ?? ''), 'base64');
    const newline = blob.indexOf(10);
    const keyId = blob.subarray(0, Math.max(newline, 0)).toString();
    const key = keys.get(keyId);
    if (newline < 0 || !key || (body.KeyId && body.KeyId !== keyId))
      return fail(400, 'InvalidCiphertextException', 'The ciphertext is not from this key');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(newline + 1, newline + 13));
      decipher.setAAD(aad(body.EncryptionContext as Record<string, string>));
      decipher.setAuthTag(blob.subarray(newline + 13, newline + 29));
      const plaintext = Buffer.concat([decipher.update(blob.subarray(newline + 29)), decipher.final()]);
      return ok({ KeyId: keyId, Plaintext: plaintext.toString('base64') });
    } catch {
      return fail(400, 'InvalidCiphertextException', 'The ciphertext or its encryption context does not match');
    }
  };

  const operations: Record<string, (body: Record<string, unknown>) => Reply> = {
    'TrentService.GenerateDataKey': generate,
    'TrentService.Decrypt': decrypt,
  };

  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers['x-amz-target'] ?? '');
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>;
    } catch {
      return send(response, fail(400, 'SerializationException', 'Malformed JSON'));
    }
    calls.push({
      operation: target.split('.')[1] ?? target,
      keyId: body.KeyId as string | undefined,
      context: body.EncryptionContext as Record<string, string> | undefined,
    });
    const operation = operations[target];
    send(response, operation ? operation(body) : fail(400, 'UnknownOperationException', `Unknown operation ${target}`));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Reply {
  status: number;
  body: Record<string, unknown>;
}
const ok = (body: Record<string, unknown>): Reply => ({ status: 200, body });
const fail = (status: number, type: string, message: string): Reply => ({ status, body: { __type: type, message } });

function send(response: ServerResponse, reply: Reply) {
  response.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.1' });
  response.end(JSON.stringify(reply.body));
}
