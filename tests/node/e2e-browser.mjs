// Browser end-to-end run of the examples/ssr app, driven by tests/e2e (Go).
//
// Environment:
//   E2E_APP_URL      the running app, e.g. http://127.0.0.1:41234 (required)
//   E2E_OUT_DIR      where step screenshots go (required)
//   E2E_JWT_SECONDS  the Convex JWT lifetime Better Auth was started with (required)
//   E2E_CHROMIUM     the browser binary (default /usr/bin/chromium)
//
// Every page is loaded with JavaScript disabled: what the test sees is what
// the Go server rendered. Each step prints "ok <step>" and saves
// <NN>-<step>.png; the first failure saves FAILED-<step>.png, prints the
// reason and exits 1.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const appURL = required("E2E_APP_URL").replace(/\/$/, "");
const outDir = required("E2E_OUT_DIR");
const jwtSeconds = Number(required("E2E_JWT_SECONDS"));
const executablePath = process.env.E2E_CHROMIUM || "/usr/bin/chromium";
mkdirSync(outDir, { recursive: true });

function required(name) {
  const v = process.env[name];
  if (!v) {
    console.error(`e2e-browser: ${name} is not set`);
    process.exit(2);
  }
  return v;
}

class StepFailure extends Error {}

function expect(cond, message) {
  if (!cond) throw new StepFailure(message);
}

const browser = await chromium.launch({
  executablePath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});

let stepNo = 0;
let current = { name: "launch", page: null };

async function step(name, page, fn) {
  current = { name, page };
  await fn();
  stepNo++;
  await page.screenshot({ path: join(outDir, `${String(stepNo).padStart(2, "0")}-${name}.png`), fullPage: true });
  console.log(`ok ${name}`);
}

function pathOf(page) {
  const u = new URL(page.url());
  expect(u.origin === appURL, `left the app: now at ${page.url()}`);
  return u.pathname + u.search;
}

async function text(page, selector) {
  const el = await page.$(selector);
  return el ? (await el.textContent()).trim() : null;
}

async function cookieNamed(context, suffix) {
  return (await context.cookies(appURL)).find((c) => c.name.endsWith(suffix));
}

async function signIn(page, email, password) {
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForNavigation(), page.click("#sign-in")]);
}

const name = "Ada Lovelace";
const email = `ada-${Date.now()}@example.com`;
const password = "correct-horse-battery-staple";

try {
  // First visitor: signs up and stays signed in.
  const alice = await browser.newContext({ javaScriptEnabled: false });
  const page = await alice.newPage();

  await step("sign-up", page, async () => {
    await page.goto(`${appURL}/sign-up`);
    await page.fill('input[name="name"]', name);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', password);
    await Promise.all([page.waitForNavigation(), page.click("#sign-up")]);
    expect(pathOf(page) === "/dashboard", `after sign-up expected /dashboard, got ${pathOf(page)}`);
    expect(await text(page, "#user-name") === name, `dashboard does not show the name: ${await text(page, "#user-name")}`);
    expect(await cookieNamed(alice, ".session_token"), "no session cookie after sign-up");
    expect(await cookieNamed(alice, ".convex_jwt"), "no convex_jwt cookie after sign-up");
  });

  await step("reload-signed-in", page, async () => {
    await page.reload();
    expect(pathOf(page) === "/dashboard", `after reload expected /dashboard, got ${pathOf(page)}`);
    expect(await text(page, "#user-name") === name, "name missing after reload");
    const res = await alice.request.get(`${appURL}/api/messages`);
    expect(res.status() === 200, `/api/messages signed in: status ${res.status()}`);
    const body = await res.json();
    expect(Array.isArray(body.messages), `/api/messages body: ${JSON.stringify(body)}`);
  });

  await step("refresh-after-jwt-expiry", page, async () => {
    const before = await cookieNamed(alice, ".convex_jwt");
    expect(before, "no convex_jwt cookie before waiting");
    // The cookie's Max-Age is the JWT lifetime: once it passes, the browser
    // drops the cookie and only the session cookie is left.
    await new Promise((r) => setTimeout(r, (jwtSeconds + 1.5) * 1000));
    expect(!(await cookieNamed(alice, ".convex_jwt")), "convex_jwt cookie outlived the JWT lifetime");
    await page.goto(`${appURL}/dashboard`);
    expect(pathOf(page) === "/dashboard", `after the JWT expired expected /dashboard, got ${pathOf(page)}`);
    expect(await text(page, "#user-name") === name, "name missing after the JWT expired");
    const after = await cookieNamed(alice, ".convex_jwt");
    expect(after, "the server did not set a fresh convex_jwt cookie");
    expect(after.value !== before.value, "the convex_jwt cookie was not renewed");
  });

  // Second visitor: starts signed out.
  const bob = await browser.newContext({ javaScriptEnabled: false });
  const page2 = await bob.newPage();

  await step("signed-out-redirect-keeps-target", page2, async () => {
    const res = await bob.request.get(`${appURL}/api/messages`, { maxRedirects: 0 });
    expect(res.status() === 401, `/api/messages signed out: status ${res.status()}`);
    await page2.goto(`${appURL}/dashboard?tab=2`);
    const got = pathOf(page2);
    expect(got === "/sign-in?redirect_to=%2Fdashboard%3Ftab%3D2", `expected /sign-in?redirect_to=%2Fdashboard%3Ftab%3D2, got ${got}`);
  });

  await step("sign-in-returns-to-target", page2, async () => {
    await signIn(page2, email, password);
    expect(pathOf(page2) === "/dashboard?tab=2", `after sign-in expected /dashboard?tab=2, got ${pathOf(page2)}`);
    expect(await text(page2, "#tab") === "2", "the dashboard lost tab=2");
    expect(await text(page2, "#user-name") === name, "name missing after sign-in");
  });

  await step("hostile-redirect-falls-back", page2, async () => {
    await page2.goto(`${appURL}/sign-in?redirect_to=${encodeURIComponent("//evil.example")}`);
    await signIn(page2, email, password);
    expect(pathOf(page2) === "/dashboard", `hostile redirect_to: expected /dashboard, got ${page2.url()}`);
  });

  await step("sign-out", page2, async () => {
    await Promise.all([page2.waitForNavigation(), page2.click("#sign-out")]);
    expect(pathOf(page2) === "/sign-in", `after sign-out expected /sign-in, got ${pathOf(page2)}`);
    expect(!(await cookieNamed(bob, ".session_token")), "session cookie still set after sign-out");
    expect(!(await cookieNamed(bob, ".convex_jwt")), "convex_jwt cookie still set after sign-out");
  });

  await step("signed-out-dashboard-redirects", page2, async () => {
    await page2.goto(`${appURL}/dashboard`);
    expect(pathOf(page2) === "/sign-in?redirect_to=%2Fdashboard", `expected /sign-in?redirect_to=%2Fdashboard, got ${pathOf(page2)}`);
    const res = await bob.request.get(`${appURL}/api/messages`, { maxRedirects: 0 });
    expect(res.status() === 401, `/api/messages after sign-out: status ${res.status()}`);
  });
} catch (err) {
  console.error(`FAIL ${current.name}: ${err instanceof StepFailure ? err.message : err.stack}`);
  if (current.page) {
    await current.page.screenshot({ path: join(outDir, `FAILED-${current.name}.png`), fullPage: true }).catch(() => {});
  }
  await browser.close();
  process.exit(1);
}
await browser.close();
