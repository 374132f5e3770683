/**
 * What an operator must hear about (issue 14), as CloudFormation resources beside the table:
 * an SNS topic (`linli-<stage>-alarms`, an e-mail subscription when `ALARM_EMAIL` is set at
 * deploy, any other subscriber added to the topic by hand), the queue where a scheduled run that failed all its retries lands, and alarms on
 * - the HTTP API's 5xx rate,
 * - Lambda errors and throttles of every function,
 * - a scheduled job that failed (its failure queue) or did not run (no invocation),
 * - reconciliation drift: the job logs `reconciliation found drift` at ERROR; a metric filter on
 *   its log group counts those lines.
 * Logical ids of the functions are serverless's: `<Name>LambdaFunction`, `<Name>LogGroup`.
 */

const FIVE_MINUTES = 300;
/** The functions EventBridge runs (infra/functions.ts); every other one serves the API. */
const SCHEDULED_FUNCTIONS = ['jobs', 'reconcile'];
const ONE_DAY = 86_400;

const capitalized = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const functionLogicalId = (name: string) => `${capitalized(name)}LambdaFunction`;
const logGroupLogicalId = (name: string) => `${capitalized(name)}LogGroup`;

const notify = { Ref: 'AlarmTopic' };
const alarmActions = { AlarmActions: [notify], OKActions: [notify] };

/** One alarm over the sum of a Lambda metric across functions (metric math: at most 10 metrics). */
function lambdaSumAlarm(description: string, metricName: 'Errors' | 'Throttles', functionNames: string[]) {
  if (functionNames.length > 10) throw new Error('a metric math alarm takes at most 10 metrics: split it');
  const metrics = functionNames.map((name, index) => ({
    Id: `m${index}`,
    ReturnData: false,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/Lambda',
        MetricName: metricName,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionLogicalId(name) } }],
      },
      Period: FIVE_MINUTES,
      Stat: 'Sum',
    },
  }));
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: description,
      Metrics: [
        ...metrics,
        { Id: 'total', Expression: `SUM([${metrics.map(({ Id }) => Id).join(',')}])`, ReturnData: true },
      ],
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      ...alarmActions,
    },
  };
}

interface MetricSpec {
  namespace: string;
  name: string;
  dimensions?: { Name: string; Value: unknown }[];
  statistic: 'Sum' | 'Maximum';
  period: number;
  /** Alarm when the value falls below this (missing data counts: nothing ran); otherwise when it reaches 1. */
  below?: number;
}

/** An alarm on one metric: at least 1 in a period, or (with `below`) less than that in a period. */
function metricAlarm(description: string, metric: MetricSpec) {
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: description,
      Namespace: metric.namespace,
      MetricName: metric.name,
      ...(metric.dimensions ? { Dimensions: metric.dimensions } : {}),
      Statistic: metric.statistic,
      Period: metric.period,
      EvaluationPeriods: 1,
      ...(metric.below === undefined
        ? { ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 1, TreatMissingData: 'notBreaching' }
        : { ComparisonOperator: 'LessThanThreshold', Threshold: metric.below, TreatMissingData: 'breaching' }),
      ...alarmActions,
    },
  };
}

const invocations = (functionName: string, period: number): MetricSpec => ({
  namespace: 'AWS/Lambda',
  name: 'Invocations',
  dimensions: [{ Name: 'FunctionName', Value: { Ref: functionLogicalId(functionName) } }],
  statistic: 'Sum',
  period,
  below: 1,
});

/** The resources; `functionNames` are the stage's functions (serverless names). */
export function observabilityResources(stage: string, functionNames: string[], alarmEmail: string) {
  const jobFunctions = functionNames.filter((name) => SCHEDULED_FUNCTIONS.includes(name));
  const apiFunctions = functionNames.filter((name) => !SCHEDULED_FUNCTIONS.includes(name));
  return {
    ...(alarmEmail
      ? {
          AlarmEmailSubscription: {
            Type: 'AWS::SNS::Subscription',
            Properties: { TopicArn: notify, Protocol: 'email', Endpoint: alarmEmail },
          },
        }
      : {}),
    // Not encrypted with a KMS key: CloudWatch can publish to an encrypted topic only with a key whose
    // policy lets it, never the AWS managed alias/aws/sns (every notification would fail in silence).
    // An alarm says which metric crossed which threshold — no personal data — so a key of its own
    // (its policy, its service principal in aws-cn, its cost) would protect nothing.
    AlarmTopic: {
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: `linli-${stage}-alarms` },
    },
    JobFailuresQueue: {
      Type: 'AWS::SQS::Queue',
      Properties: {
        QueueName: `linli-${stage}-job-failures`,
        MessageRetentionPeriod: 14 * ONE_DAY,
        SqsManagedSseEnabled: true,
      },
    },
    HttpApi5xxAlarm: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmDescription: 'More than 1% of API requests answered 5xx over 5 minutes (at least 20 requests)',
        Metrics: [
          { Id: 'errors', ReturnData: false, MetricStat: apiMetric('5xx') },
          { Id: 'requests', ReturnData: false, MetricStat: apiMetric('Count') },
          { Id: 'rate', Expression: 'IF(requests >= 20, 100 * errors / requests, 0)', ReturnData: true },
        ],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 1,
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        ...alarmActions,
      },
    },
    // Metric math sums at most 10 metrics an alarm: the API's functions in one, the scheduled ones in another.
    LambdaErrorsAlarm: lambdaSumAlarm('A Linli API function failed (an unhandled error)', 'Errors', apiFunctions),
    LambdaThrottlesAlarm: lambdaSumAlarm('A Linli API function was throttled', 'Throttles', apiFunctions),
    JobErrorsAlarm: lambdaSumAlarm('A Linli scheduled function failed (an unhandled error)', 'Errors', jobFunctions),
    JobThrottlesAlarm: lambdaSumAlarm('A Linli scheduled function was throttled', 'Throttles', jobFunctions),
    JobFailedAlarm: metricAlarm('A scheduled job failed after its retries: its event is in the job-failures queue', {
      namespace: 'AWS/SQS',
      name: 'ApproximateNumberOfMessagesVisible',
      dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['JobFailuresQueue', 'QueueName'] } }],
      statistic: 'Maximum',
      period: FIVE_MINUTES,
    }),
    JobsNotRunningAlarm: metricAlarm(
      'The every-minute jobs did not run for 10 minutes',
      invocations('jobs', 2 * FIVE_MINUTES),
    ),
    ReconcileNotRunAlarm: metricAlarm(
      'The daily reconciliation did not run for a day',
      invocations('reconcile', ONE_DAY),
    ),
    ReconciliationDriftMetricFilter: {
      Type: 'AWS::Logs::MetricFilter',
      Properties: {
        LogGroupName: { Ref: logGroupLogicalId('reconcile') },
        FilterPattern: '{ $.level = "ERROR" && $.message = "reconciliation found drift" }',
        MetricTransformations: [
          { MetricNamespace: `Linli/${stage}`, MetricName: 'ReconciliationDrift', MetricValue: '1', DefaultValue: 0 },
        ],
      },
    },
    ReconciliationDriftAlarm: metricAlarm('Reconciliation found balances or counters that differ from their records', {
      namespace: `Linli/${stage}`,
      name: 'ReconciliationDrift',
      statistic: 'Sum',
      period: FIVE_MINUTES,
    }),
  };
}

function apiMetric(metricName: '5xx' | 'Count') {
  return {
    Metric: {
      Namespace: 'AWS/ApiGateway',
      MetricName: metricName,
      Dimensions: [{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }],
    },
    Period: FIVE_MINUTES,
    Stat: 'Sum',
  };
}
