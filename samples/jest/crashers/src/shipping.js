'use strict';

function parcelCount(items, perParcel = 4) {
  const units = items.reduce((sum, item) => sum + item.quantity, 0);
  return Math.ceil(units / perParcel);
}

function shippingCost(parcels, zone) {
  const perParcel = { domestic: 4.9, eu: 9.5, world: 19 }[zone];
  if (perParcel === undefined) {
    throw new Error(`no shipping to zone ${zone}`);
  }
  return Math.round(parcels * perParcel * 100) / 100;
}

module.exports = { parcelCount, shippingCost };
