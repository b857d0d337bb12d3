import { allowOnly, type AccessRule } from "../support/access";

/** Translation files (issue 18): the channel team and admins download and upload them. */
const rules: AccessRule[] = [
  {
    pattern: "/admin/translations",
    get: allowOnly(["admin", "channel_manager"]),
    // An empty upload: the allowed roles reach the form's validation, everyone else is refused.
    post: { expect: allowOnly(["admin", "channel_manager"], "invalid") },
    shows: "Translation files",
  },
  {
    // Without a kind and language the allowed roles are told what to choose (the download itself
    // is tested in tests/integration/translation-files.test.ts); everyone else is refused first.
    pattern: "/admin/translations.po",
    get: allowOnly(["admin", "channel_manager"], "invalid"),
  },
];

export default rules;
