import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 10;

/** A new password, typed twice. Shared by invitation, reset and change-password forms. */
export const newPasswordFields = {
  password: z.string().min(MIN_PASSWORD_LENGTH, "errors.password_short").max(200, "errors.too_long"),
  confirmPassword: z.string(),
};

export function passwordsMatch(v: { password: string; confirmPassword: string }) {
  return v.password === v.confirmPassword;
}
export const mismatch = { message: "errors.password_mismatch", path: ["confirmPassword"] };
