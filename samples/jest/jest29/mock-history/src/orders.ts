import { record } from './audit';

export function placeOrder(id: string): string {
  record(`placed ${id}`);
  return id;
}

export function cancelOrder(id: string): string {
  record(`cancelled ${id}`);
  return id;
}
