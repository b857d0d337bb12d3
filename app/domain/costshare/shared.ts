/** Small constants of the cost-share area that the browser and the server share. */

/** One layout, final material or proof file: 8 MB, like a claim's invoice photo. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Proof files (and final material) on one claim, and their total size. */
export const MAX_PROOF_FILES = 6;
export const COSTSHARE_CLAIM_BYTES = 24 * 1024 * 1024;
export const FILE_ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,application/pdf";

/** Request statuses in which the partner may still change or cancel it. */
export const OPEN_REQUEST_STATUSES = ["submitted", "returned", "second_approval"] as const;
