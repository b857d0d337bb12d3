import { override, publicPage, type AccessRule } from "../support/access";

/** Sign-in by a code sent by text message (issue 20): a public page like /login. */
const rules: AccessRule[] = [
  {
    pattern: "/login/code",
    get: override(publicPage({ redirect: "/home" }), { anonymous: "ok" }),
    // An empty form is refused as invalid and texts nobody; a signed-in visitor is sent home.
    post: { expect: override(publicPage({ redirect: "/home" }), { anonymous: "invalid" }) },
    shows: "Sign in with your phone",
  },
];

export default rules;
