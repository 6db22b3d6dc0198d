import { logger } from './logger.js';

export function charge(amount) {
  logger.info(`charging ${amount}`);
  if (amount > 1000) logger.warn(`large charge ${amount}`);
  return amount;
}
