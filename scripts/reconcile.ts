/**
 * `npm run reconcile [-- --community demo]`: rebuilds every balance and counter from its records
 * and prints any drift (exit code 1 when there is some). Against `npm start`'s DynamoDB Local by
 * default; set DYNAMODB_ENDPOINT / TABLE_NAME (or AWS credentials and TABLE_NAME) for another table.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { reconcileCommunity } from '../functions/src/domain/ledger/reconcile';
import { DynamoCommunityStore } from '../functions/src/store/identity/identity-store';
import { DynamoReconcileSource } from '../functions/src/store/ledger/reconcile-store';

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const only = argv.includes('--community') ? argv[argv.indexOf('--community') + 1] : undefined;
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? (process.env.AWS_REGION ? undefined : 'http://127.0.0.1:8000');
  const tableName = process.env.TABLE_NAME ?? 'linli-dev';
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient(
      endpoint ? { endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {},
    ),
  );
  const communities = only
    ? [only]
    : (await new DynamoCommunityStore(client, tableName).listCommunities()).map((community) => community.id);
  const source = new DynamoReconcileSource(client, tableName);
  let drifts = 0;
  console.log(`${'community'.padEnd(24)} ${'checks'.padStart(7)} ${'drifts'.padStart(7)}`);
  for (const communityId of communities) {
    const report = await reconcileCommunity(communityId, source);
    drifts += report.drifts.length;
    console.log(
      `${communityId.padEnd(24)} ${String(report.checks).padStart(7)} ${String(report.drifts.length).padStart(7)}`,
    );
    for (const drift of report.drifts) {
      console.log(`  ${drift.check} ${drift.subject}: stored ${drift.stored}, rebuilt ${drift.expected}`);
    }
  }
  console.log(drifts === 0 ? 'No drift.' : `${drifts} drift(s) found.`);
  return drifts === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
