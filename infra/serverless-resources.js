// Loaded by serverless.yml (`${file(./infra/serverless-resources.js)}`): the
// CloudFormation resources, built from infra/table.ts so the table is defined once.
const { createJiti } = require('jiti');

const jiti = createJiti(__filename);

module.exports = async ({ resolveVariable }) => {
  const { cloudFormationTable } = await jiti.import('./table.ts');
  const tableName = await resolveVariable('self:custom.tableName');
  return { Resources: { LinliTable: cloudFormationTable(tableName) } };
};
