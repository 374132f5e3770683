// Loaded by serverless.yml (`${file(./infra/serverless-resources.js)}`): the CloudFormation
// resources beside the functions — the table (infra/table.ts, defined once for AWS and DynamoDB
// Local) and the alarms, their topic and the jobs' failure queue (infra/observability.ts).
const { createJiti } = require('jiti');

const jiti = createJiti(__filename);

module.exports = async ({ resolveVariable }) => {
  const { cloudFormationTable } = await jiti.import('./table.ts');
  const { observabilityResources } = await jiti.import('./observability.ts');
  const { serverlessFunctions } = await jiti.import('./functions.ts');
  const { imagesBucket } = await jiti.import('./storage.ts');
  const tableName = await resolveVariable('self:custom.tableName');
  const stage = await resolveVariable('sls:stage');
  const alarmEmail = await resolveVariable('param:alarmEmail');
  const bucketName = await resolveVariable('self:custom.imagesBucket');
  const corsOrigin = await resolveVariable('param:corsOrigin');
  const functionNames = Object.keys(serverlessFunctions(stage));
  return {
    Resources: {
      LinliTable: cloudFormationTable(tableName),
      ImagesBucket: imagesBucket(bucketName, corsOrigin),
      ...(stage === 'dev' ? {} : observabilityResources(stage, functionNames, alarmEmail)),
    },
  };
};
