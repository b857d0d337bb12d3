import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/** Longest text a phone field accepts: a number with spaces, dashes and a country prefix fits easily. */
export const PHONE_MAX = 32;

/**
 * A phone number as typed ("+91 98765 43210", "0917 123 4567" with a default country) in E.164
 * ("+919876543210"), or null when it is not a possible number. The one parser for phone numbers,
 * shared by forms and the server, so every stored number has one spelling and one unique key.
 */
export function toE164(text: string, defaultCountry?: CountryCode): string | null {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > PHONE_MAX) return null;
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}

/** A stored E.164 number the way people read it ("+91 98765 43210"). */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
