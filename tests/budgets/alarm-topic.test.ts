import { observabilityResources } from '../../infra/observability';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CloudFormation JSON
type Json = any;

/**
 * The alarms notify through the SNS topic, and CloudWatch publishes to an encrypted topic only
 * with a key whose policy lets `cloudwatch.amazonaws.com` use it. The AWS managed key
 * (`alias/aws/sns`) has a policy nobody can change, which does not: every alarm would go to
 * ALARM and its notification fail ("Failed to execute action" in the alarm's history), in silence.
 * (SNS developer guide, "Enable compatibility between event sources from AWS services and
 * encrypted topics".)
 */
describe('the alarm topic', () => {
  const resources = observabilityResources('prod', ['identity', 'jobs', 'reconcile'], 'ops@example.com') as Record<
    string,
    Json
  >;
  const topic = resources.AlarmTopic;

  it('is not encrypted with the AWS managed key, which CloudWatch cannot use', () => {
    expect(String(topic.Properties.KmsMasterKeyId ?? '')).not.toMatch(/^alias\/aws\//);
  });

  it('if encrypted, with a key of its own whose policy lets CloudWatch publish', () => {
    const keyId = topic.Properties.KmsMasterKeyId;
    if (keyId === undefined) return;
    const logicalId = keyId.Ref ?? keyId['Fn::GetAtt']?.[0];
    const key = resources[logicalId];
    expect(key?.Type).toBe('AWS::KMS::Key');
    const statements = key.Properties.KeyPolicy.Statement as Json[];
    const forCloudWatch = statements.find(
      (statement) => statement.Effect === 'Allow' && statement.Principal?.Service === 'cloudwatch.amazonaws.com',
    );
    expect(forCloudWatch?.Action).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']));
  });
});
