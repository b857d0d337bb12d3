import { publicPage, type AccessRule } from "../support/access";

const rules: AccessRule[] = [
  {
    // Public by design: the random id in the email is the key; a made-up one changes nothing.
    pattern: "/unsubscribe/:emailId",
    path: () => "/unsubscribe/00000000-0000-4000-8000-000000000000",
    get: publicPage("ok"),
    post: { expect: publicPage("ok") },
    shows: "This unsubscribe link is not valid.",
  },
];

export default rules;
