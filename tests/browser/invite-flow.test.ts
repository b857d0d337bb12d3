import { describe, expect, it } from "vitest";
import { newPhoneContext, watchForErrors } from "../support/browser";
import { deliverAndTake } from "../support/mail";
import { usePortal, useSmtp, useBrowser, signInOnPage } from "../support/fixtures";

const portal = usePortal();
const smtp = useSmtp();
const browser = useBrowser();

const EXEC = { name: "Aistė Vaitkutė", email: "aiste@vilniusclimate.example", password: "cool air all summer" };

describe("on a phone", () => {
  it("an admin creates a partner and invites its executive, who joins from the email and lands in the portal", async () => {
    const adminCtx = await newPhoneContext(browser);
    const admin = await adminCtx.newPage();
    const adminProblems = watchForErrors(admin);
    await signInOnPage(admin, portal.url, "admin@volta.example");

    await admin.getByRole("link", { name: "Partners" }).first().tap();
    await admin.waitForURL("**/organisations");
    await admin.getByRole("link", { name: "New partner" }).tap();
    await admin.waitForURL("**/organisations/new");
    await admin.getByLabel("Name", { exact: true }).fill("Vilnius Climate");
    await admin.getByLabel("Type").selectOption("installer");
    await admin.getByLabel("Region").fill("Baltics");
    await admin.getByLabel("Tier").selectOption("gold");
    await admin.getByLabel("Outlet name").fill("Vilnius showroom");
    await admin.getByLabel("Street address").fill("Konstitucijos pr. 7");
    await admin.getByLabel("City").fill("Vilnius");
    await admin.getByLabel("Country").fill("Lithuania");
    await admin.getByRole("button", { name: "Create partner" }).tap();
    await admin.waitForURL(/\/organisations\/[0-9a-f-]{36}\?created=1$/);
    await admin.getByText("Partner created. Invite its first executive below.").waitFor();

    await admin.getByLabel("Full name").fill(EXEC.name);
    await admin.getByLabel("Email").fill(EXEC.email);
    expect(await admin.getByLabel("Role").inputValue()).toBe("executive");
    await admin.getByRole("button", { name: "Send invitation" }).tap();
    await admin.getByText("Invitation sent.").waitFor();
    await admin.getByRole("cell", { name: EXEC.email }).waitFor();
    expect(adminProblems).toEqual([]);
    await adminCtx.close();

    const { path } = await deliverAndTake(smtp, EXEC.email, "/invite/");
    const execCtx = await newPhoneContext(browser);
    const exec = await execCtx.newPage();
    const execProblems = watchForErrors(exec);
    await exec.goto(`${portal.url}${path}`);
    await exec.getByText(`You were invited as ${EXEC.email}`).waitFor();
    expect(await exec.getByLabel("Full name").inputValue()).toBe(EXEC.name);
    await exec.getByLabel("New password", { exact: true }).fill(EXEC.password);
    await exec.getByLabel("Repeat the new password").fill(EXEC.password);
    await exec.getByRole("button", { name: "Create my account" }).tap();
    await exec.waitForURL("**/home?welcome=1");
    await exec.getByText("Welcome! Your account is ready.").waitFor();
    await exec.getByRole("heading", { name: "Hello, Aistė" }).waitFor();

    const bottomBar = exec.getByRole("navigation", { name: "Quick navigation" });
    expect(await bottomBar.isVisible()).toBe(true);
    expect(await bottomBar.getByRole("link", { name: "Home" }).isVisible()).toBe(true);
    expect(await exec.getByRole("navigation", { name: "Main navigation" }).isVisible()).toBe(false);
    const box = (await bottomBar.boundingBox())!;
    expect(box.y + box.height).toBeCloseTo(844, 0);
    expect(execProblems).toEqual([]);
    await execCtx.close();
  }, 90_000);

  it("a wrong password shows the clear message and keeps the person on the sign-in page", async () => {
    const ctx = await newPhoneContext(browser);
    const page = await ctx.newPage();
    const problems = watchForErrors(page);
    await page.goto(`${portal.url}/login`);
    await page.getByLabel("Email").fill(EXEC.email);
    await page.getByLabel("Password").fill("not my password");
    await page.getByRole("button", { name: "Sign in" }).tap();
    await page.getByRole("alert").getByText("The email or password is not right.").waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.getByLabel("Email").inputValue()).toBe(EXEC.email);
    expect(problems).toEqual([]);
    await ctx.close();
  }, 60_000);
});
