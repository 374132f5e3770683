// Loaded by serverless.yml (`functions: ${file(./infra/serverless-functions.js)}`): the functions of
// the stage being packaged, built by infra/functions.ts from the areas' route tables and the
// contracts, so serverless.yml, the handlers and the contracts cannot drift.
const { createJiti } = require('jiti');

const jiti = createJiti(__filename);

module.exports = async ({ resolveVariable }) => {
  const { serverlessFunctions } = await jiti.import('./functions.ts');
  const stage = await resolveVariable('sls:stage');
  // The local stack runs the scheduled jobs by hand (scripts/local/offline.ts sets this).
  return serverlessFunctions(stage, { schedules: process.env.LINLI_LOCAL_SCHEDULES === 'off' ? 'off' : 'on' });
};
