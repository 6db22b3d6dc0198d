'use strict';

const ids = require('./ids');

function createOrder(customer, lines) {
  if (!lines || lines.length === 0) {
    throw new Error('an order needs at least one line');
  }
  const total = lines.reduce((sum, line) => sum + line.qty * line.unitPrice, 0);
  return { id: ids.next(), customer, lines, total };
}

class OrderBook {
  constructor() {
    this.byId = new Map();
  }

  add(order) {
    if (this.byId.has(order.id)) {
      throw new Error(`duplicate order id ${order.id}`);
    }
    this.byId.set(order.id, order);
    return order;
  }

  forCustomer(customer) {
    return [...this.byId.values()].filter((order) => order.customer === customer);
  }

  get size() {
    return this.byId.size;
  }
}

module.exports = { createOrder, OrderBook };
