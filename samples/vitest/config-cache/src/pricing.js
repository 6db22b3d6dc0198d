import { getConfig } from './config.js';

export function storageBucket(name) {
  return `${name}-${getConfig().region}`;
}
