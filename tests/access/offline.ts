import { publicPage, type AccessRule } from "../support/access";

/**
 * The installable app's two public documents: the manifest and the offline page the service
 * worker keeps. Neither shows anything about the person, so everyone gets them.
 */
const rules: AccessRule[] = [
  { pattern: "/offline", get: publicPage("ok"), shows: "You are offline" },
  { pattern: "/manifest.webmanifest", get: publicPage("ok"), shows: '"start_url":"/home"' },
];

export default rules;
