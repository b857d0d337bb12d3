/**
 * Sign-in by a one-time code sent by text message (issue 20), for people with a phone and no
 * working email. The limits, next to the password sign-in's (LIMITS in throttle.server.ts):
 * - a code lives `minutes`, works once, and dies after `guesses` wrong tries at it;
 * - a new code is issued at most every `resendSeconds` per person: requests in between
 *   (twenty taps at once) find the live code and send nothing, so one code is valid at a time;
 * - code texts per number and per address are capped per hour like reset mails;
 * - checking a code is throttled exactly like a password, per account (the number), per device
 *   and per address (different numbers tried), through the same counters.
 */
export const CODE = { minutes: 10, guesses: 5, resendSeconds: 60, perNumber: 5, perAddress: 20, windowSeconds: 60 * 60 } as const;
