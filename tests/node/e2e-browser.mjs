// Browser end-to-end run of the examples/ssr app, driven by tests/e2e (Go).
//
// Environment:
//   E2E_APP_URL      the running app, e.g. http://127.0.0.1:41234 (required)
//   E2E_CONTROL_URL  the Go test's control server (required): POST
//                    /advance-clock {"seconds":n} moves every clock of the
//                    system under test (Better Auth's, the app's, the fake
//                    Convex deployment's) forward by n seconds
//   E2E_OUT_DIR      where step screenshots go (required)
//   E2E_JWT_SECONDS  the Convex JWT lifetime Better Auth was started with (required)
//   E2E_CHROMIUM     the browser binary (default /usr/bin/chromium)
//
// Every page is loaded with JavaScript disabled: what the test sees is what
// the Go server rendered. Each step prints "ok <step>" and saves
// <NN>-<step>.png with a caption naming the step, the page's URL and what
// the step checked; the first failure saves FAILED-<step>.png, prints the
// reason and exits 1.
//
// Nothing here waits for time to pass: going past the JWT's lifetime moves
// the clocks instead, so the run is as fast and its outcome the same on a
// loaded machine as on an idle one.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const appURL = required("E2E_APP_URL").replace(/\/$/, "");
const controlURL = required("E2E_CONTROL_URL").replace(/\/$/, "");
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

// Playwright's 30 s default for a navigation or an action is far above what
// an idle machine needs, but a loaded 2-core machine (go test runs packages
// in parallel) has stalled processes for seconds. A step only needs an
// answer, not a fast one.
const actionTimeoutMs = 90_000;

const browser = await chromium.launch({
  executablePath,
  timeout: actionTimeoutMs,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});

async function newVisitor() {
  const context = await browser.newContext({ javaScriptEnabled: false });
  context.setDefaultTimeout(actionTimeoutMs);
  context.setDefaultNavigationTimeout(actionTimeoutMs);
  return context;
}

let stepNo = 0;
let current = { name: "launch", page: null };

// step runs fn, whose result is the caption's last line (what the step
// showed), then saves the screenshot with the caption on top.
async function step(name, page, fn) {
  current = { name, page };
  const shows = await fn();
  stepNo++;
  const number = String(stepNo).padStart(2, "0");
  await page.screenshot({
    path: join(outDir, `${number}-${name}.png`),
    fullPage: true,
    style: captionStyle(`${number} ${name}\n${page.url()}\n${shows}`),
  });
  console.log(`ok ${name}`);
}

// captionStyle is a stylesheet that puts text in a bar above the page while
// the screenshot is taken (the page itself is left alone). Headless Chromium
// draws no address bar, so this is where the URL shows.
function captionStyle(text) {
  const content = text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\A ");
  return `html::before { content: "${content}"; display: block; white-space: pre-wrap; ` +
    "font: 14px/1.4 monospace; color: #123; background: #e8f0fe; border-bottom: 2px solid #4a6fa5; padding: 8px 12px; }";
}

// advanceClocks moves every clock of the system under test forward.
async function advanceClocks(seconds) {
  const res = await fetch(`${controlURL}/advance-clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ seconds }),
    signal: AbortSignal.timeout(actionTimeoutMs),
  });
  expect(res.ok, `advance-clock: status ${res.status}: ${await res.text()}`);
}

// claims decodes a JWT's payload without verifying it (the server did).
function claims(jwt) {
  return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));
}

function clockTime(epochSeconds) {
  return new Date(epochSeconds * 1000).toISOString().slice(11, 19);
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
  const alice = await newVisitor();
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
    return `signed up as ${name}; the server-rendered dashboard shows the name`;
  });

  await step("reload-signed-in", page, async () => {
    await page.reload();
    expect(pathOf(page) === "/dashboard", `after reload expected /dashboard, got ${pathOf(page)}`);
    expect(await text(page, "#user-name") === name, "name missing after reload");
    const res = await alice.request.get(`${appURL}/api/messages`);
    expect(res.status() === 200, `/api/messages signed in: status ${res.status()}`);
    const body = await res.json();
    expect(Array.isArray(body.messages), `/api/messages body: ${JSON.stringify(body)}`);
    return `reloaded: still signed in; /api/messages answered 200 with ${body.messages.length} messages`;
  });

  await step("refresh-after-jwt-expiry", page, async () => {
    const before = await cookieNamed(alice, ".convex_jwt");
    expect(before, "no convex_jwt cookie before the JWT's lifetime ran out");
    const old = claims(before.value);
    expect(old.exp - old.iat === jwtSeconds, `the JWT lives ${old.exp - old.iat} s, want ${jwtSeconds} s`);
    // Past the JWT's exp on every clock. The browser still sends the
    // cookie (its Max-Age runs on the real clock), so the app must see
    // the expired JWT and mint a new one from the session cookie.
    await advanceClocks(jwtSeconds + 60);
    await page.goto(`${appURL}/dashboard`);
    expect(pathOf(page) === "/dashboard", `after the JWT expired expected /dashboard, got ${pathOf(page)}`);
    expect(await text(page, "#user-name") === name, "name missing after the JWT expired");
    const after = await cookieNamed(alice, ".convex_jwt");
    expect(after, "the server did not set a fresh convex_jwt cookie");
    expect(after.value !== before.value, "the convex_jwt cookie was not renewed");
    const fresh = claims(after.value);
    expect(fresh.iat >= old.exp, `the new JWT (iat ${fresh.iat}) was not minted after the old one expired (exp ${old.exp})`);
    return `the ${jwtSeconds} s JWT from sign-up expired at ${clockTime(old.exp)}; with the clocks moved on to ` +
      `${clockTime(fresh.iat)} the page still renders: the server minted a fresh JWT (exp ${clockTime(fresh.exp)})`;
  });

  // Second visitor: starts signed out.
  const bob = await newVisitor();
  const page2 = await bob.newPage();

  await step("signed-out-redirect-keeps-target", page2, async () => {
    const res = await bob.request.get(`${appURL}/api/messages`, { maxRedirects: 0 });
    expect(res.status() === 401, `/api/messages signed out: status ${res.status()}`);
    await page2.goto(`${appURL}/dashboard?tab=2`);
    const got = pathOf(page2);
    expect(got === "/sign-in?redirect_to=%2Fdashboard%3Ftab%3D2", `expected /sign-in?redirect_to=%2Fdashboard%3Ftab%3D2, got ${got}`);
    const target = await page2.getAttribute('input[name="redirect_to"]', "value");
    expect(target === "/dashboard?tab=2", `the sign-in form carries redirect_to ${JSON.stringify(target)}`);
    return `signed out: /dashboard?tab=2 sent here; the form will return to ${target}; /api/messages answered 401`;
  });

  await step("sign-in-returns-to-target", page2, async () => {
    await signIn(page2, email, password);
    expect(pathOf(page2) === "/dashboard?tab=2", `after sign-in expected /dashboard?tab=2, got ${pathOf(page2)}`);
    expect(await text(page2, "#tab") === "2", "the dashboard lost tab=2");
    expect(await text(page2, "#user-name") === name, "name missing after sign-in");
    return "signed in: back on the target /dashboard?tab=2";
  });

  await step("hostile-redirect-falls-back", page2, async () => {
    await page2.goto(`${appURL}/sign-in?redirect_to=${encodeURIComponent("//evil.example")}`);
    await signIn(page2, email, password);
    expect(pathOf(page2) === "/dashboard", `hostile redirect_to: expected /dashboard, got ${page2.url()}`);
    return "signed in from /sign-in?redirect_to=%2F%2Fevil.example: landed on the fallback /dashboard";
  });

  await step("sign-out", page2, async () => {
    await Promise.all([page2.waitForNavigation(), page2.click("#sign-out")]);
    expect(pathOf(page2) === "/sign-in", `after sign-out expected /sign-in, got ${pathOf(page2)}`);
    expect(!(await cookieNamed(bob, ".session_token")), "session cookie still set after sign-out");
    expect(!(await cookieNamed(bob, ".convex_jwt")), "convex_jwt cookie still set after sign-out");
    return "signed out: on the sign-in page, session and convex_jwt cookies cleared";
  });

  await step("signed-out-dashboard-redirects", page2, async () => {
    await page2.goto(`${appURL}/dashboard`);
    expect(pathOf(page2) === "/sign-in?redirect_to=%2Fdashboard", `expected /sign-in?redirect_to=%2Fdashboard, got ${pathOf(page2)}`);
    const res = await bob.request.get(`${appURL}/api/messages`, { maxRedirects: 0 });
    expect(res.status() === 401, `/api/messages after sign-out: status ${res.status()}`);
    return "after sign-out: /dashboard sent here again; /api/messages answered 401";
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
