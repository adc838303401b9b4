import { text } from '../../platform/http/forms.js';

/** The posted fields of a UK address (found by postcode, or typed in by hand), each trimmed: one shape for registration and My Account. */
export const addressFields = {
  uprn: text(),
  houseNumber: text(),
  houseName: text(),
  buildingName: text(),
  street: text(),
  district: text(),
  town: text(),
  county: text(),
  postcode: text(),
  country: text(),
};
