import { Logger } from '@aws-lambda-powertools/logger';

/** One structured JSON logger for every function (Powertools). */
export const logger = new Logger({ serviceName: 'linli' });
