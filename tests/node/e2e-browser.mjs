// Browser end-to-end run of the examples/ssr app, driven by tests/e2e (Go).
//
// Environment:
//   E2E_APP_URL      the running app, e.g. http://127.0.0.1:41234 (required)
//   E2E_CONTROL_URL  the Go test's control server (required), for what
//                    happens outside the browser: POST /advance-clock
//                    {"seconds":n} moves every clock of the system under
//                    test (Better Auth's, the app's, the fake Convex
//                    deployment's) forward by n seconds; POST
//                    /revoke-session {"name","value"} signs a session cookie's
//                    session out at Better Auth itself; POST
//                    /sign-up-elsewhere {"name","email","password"} signs a
//                    user up at Better Auth itself and answers
//                    {"verificationURL"}, the link Better Auth e-mailed
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
// Nothing here waits for time to pass: going past the JWT's lifetime,
// Better Auth's updateAge or a session's expiry moves the clocks instead, so
// the run is as fast and its outcome the same on a loaded machine as on an
// idle one. Chromium's cookie jar stays on the real clock: a cookie's
// expiry is real time plus the Max-Age the server last set.
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

// control posts body to one of the Go test's control routes and returns
// its JSON answer.
async function control(route, body) {
  const res = await fetch(`${controlURL}${route}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(actionTimeoutMs),
  });
  const text = await res.text();
  expect(res.ok, `${route}: status ${res.status}: ${text}`);
  return JSON.parse(text);
}

// sharedClockSeconds is how far the shared clock is ahead of the real one.
let sharedClockSeconds = 0;

// advanceClocks moves every clock of the system under test forward.
async function advanceClocks(seconds) {
  ({ offsetSeconds: sharedClockSeconds } = await control("/advance-clock", { seconds }));
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

// setCookiesOf returns the Set-Cookie headers of a response, as Chromium
// received them, for the cookie whose name ends with suffix.
async function setCookiesOf(response, suffix) {
  return (await response.headersArray())
    .filter((h) => h.name.toLowerCase() === "set-cookie" && h.value.split("=")[0].endsWith(suffix))
    .map((h) => h.value);
}

// redacted is a Set-Cookie header without its value, for messages.
function redacted(setCookies) {
  return JSON.stringify(setCookies.map((sc) => sc.replace(/^([^=]*)=[^;]*/, "$1=…")));
}

// redirectChain returns the requests that led to response, first first.
function redirectChain(response) {
  const chain = [];
  for (let req = response.request(); req; req = req.redirectedFrom()) chain.unshift(req);
  return chain;
}

// days formats a span of seconds on the shared clock.
function days(seconds) {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${d} d ${h} h ${m} min`;
}

async function signIn(page, email, password) {
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForNavigation(), page.click("#sign-in")]);
}

// Better Auth's default session.expiresIn and session.updateAge, which the
// harness keeps: a session lasts 7 days, and a use of it at least a day
// after it was last extended extends it by 7 days from then.
const sessionSeconds = 7 * 86400;
const updateAgeSeconds = 86400;

const name = "Ada Lovelace";
const email = `ada-${Date.now()}@example.com`;
const password = "correct-horse-battery-staple";

try {
  // First visitor: signs up and stays signed in.
  const alice = await newVisitor();
  const page = await alice.newPage();

  // The session cookie as sign-up set it, on the real clock, which the
  // shared clock then equalled.
  let signUpSession;
  await step("sign-up", page, async () => {
    await page.goto(`${appURL}/sign-up`);
    await page.fill('input[name="name"]', name);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', password);
    await Promise.all([page.waitForNavigation(), page.click("#sign-up")]);
    expect(pathOf(page) === "/dashboard", `after sign-up expected /dashboard, got ${pathOf(page)}`);
    expect(await text(page, "#user-name") === name, `dashboard does not show the name: ${await text(page, "#user-name")}`);
    signUpSession = await cookieNamed(alice, ".session_token");
    expect(signUpSession && signUpSession.expires > 0, "no persistent session cookie after sign-up");
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

  // The session's lifecycle in the first visitor's browser as only
  // Go-served pages see it: with JavaScript off no page calls Better Auth
  // itself, so whatever Better Auth says reaches the browser through the
  // mints behind Go pages.

  // Where the extended session cookie runs out on the shared clock.
  let extendedUntil;
  await step("session-extended-by-go-page", page, async () => {
    const before = await cookieNamed(alice, ".session_token");
    expect(before, "no session cookie before updateAge");
    expect(before.expires === signUpSession.expires, "the session cookie was re-set before updateAge");
    expect(sharedClockSeconds < updateAgeSeconds, `the shared clock is already ${sharedClockSeconds} s ahead`);
    await advanceClocks(updateAgeSeconds + 3600);
    const res = await page.goto(`${appURL}/dashboard`);
    expect(pathOf(page) === "/dashboard", `after updateAge expected /dashboard, got ${pathOf(page)}`);
    expect(await text(page, "#user-name") === name, "name missing after updateAge");
    const reSet = await setCookiesOf(res, ".session_token");
    expect(reSet.length === 1 && reSet[0].includes(`Max-Age=${sessionSeconds}`),
      `the Go page's Set-Cookie for the session: ${redacted(reSet)}, want exactly one with Max-Age=${sessionSeconds}`);
    const after = await cookieNamed(alice, ".session_token");
    expect(after, "the browser lost its session cookie");
    expect(after.expires > before.expires, `the session cookie's expiry did not move forward: ${before.expires} then ${after.expires}`);
    const left = after.expires - Date.now() / 1000;
    expect(Math.abs(left - sessionSeconds) < 600, `the extended cookie expires in ${Math.round(left)} s, want about ${sessionSeconds} s from now`);
    extendedUntil = after.expires + sharedClockSeconds;
    return `shared clock +${days(sharedClockSeconds)}, past updateAge (1 d): the Go page's mint passed Better Auth's re-set session cookie on ` +
      `(Max-Age 7 d); in the browser its expiry moved from ${new Date(before.expires * 1000).toISOString()} (7 d after sign-up) to ` +
      `${new Date(after.expires * 1000).toISOString()} (7 d from now, real clock); still signed in`;
  });

  await step("signed-in-past-original-expiry", page, async () => {
    await advanceClocks(sessionSeconds - updateAgeSeconds);
    // Chromium keeps cookies on the real clock, so it would still send the
    // sign-up cookie now; on the shared clock that cookie ran out, and
    // only the extended one is alive.
    const sharedNow = Date.now() / 1000 + sharedClockSeconds;
    expect(sharedNow > signUpSession.expires && sharedNow < extendedUntil,
      `on the shared clock it is ${sharedNow}: want past the sign-up cookie's end ${signUpSession.expires} and before the extended one's ${extendedUntil}`);
    const age = sharedNow - (signUpSession.expires - sessionSeconds);
    await page.goto(`${appURL}/dashboard`);
    expect(pathOf(page) === "/dashboard", `past the original expiry expected /dashboard, got ${pathOf(page)}`);
    expect(await text(page, "#user-name") === name, "name missing past the original expiry");
    expect(await cookieNamed(alice, ".session_token"), "the browser lost its session cookie");
    expect(await cookieNamed(alice, ".convex_jwt"), "no convex_jwt past the original expiry");
    return `shared clock ${days(age)} after sign-up: past the end of the sign-up session cookie (7 d), ${days(extendedUntil - sharedNow)} ` +
      "before the end of the one the Go page extended: still signed in on the extended session";
  });

  await step("revoked-elsewhere-signs-out", page, async () => {
    const session = await cookieNamed(alice, ".session_token");
    expect(session && await cookieNamed(alice, ".convex_jwt"), "not signed in before the revocation");
    // Another device signs the session out at Better Auth itself: the app
    // does not hear of it.
    await control("/revoke-session", { name: session.name, value: session.value });
    // Until its exp the browser's convex_jwt still passes (a JWT outlives
    // its session, README); past it the page must mint, and Better Auth
    // refuses the session.
    await advanceClocks(jwtSeconds + 60);
    const res = await page.goto(`${appURL}/dashboard`);
    expect(pathOf(page) === "/sign-in?redirect_to=%2Fdashboard", `after the revocation expected /sign-in?redirect_to=%2Fdashboard, got ${pathOf(page)}`);
    const dashboard = redirectChain(res).find((req) => new URL(req.url()).pathname === "/dashboard");
    const cleared = dashboard && await dashboard.response();
    expect(cleared, "no /dashboard response in the redirect chain");
    for (const suffix of [".session_token", ".convex_jwt"]) {
      const sc = await setCookiesOf(cleared, suffix);
      expect(sc.length === 1 && sc[0].includes("Max-Age=0"), `/dashboard's Set-Cookie for ${suffix}: ${redacted(sc)}, want one clearing it`);
      expect(!(await cookieNamed(alice, suffix)), `the browser still holds ${suffix} after the revocation`);
    }
    const api = await alice.request.get(`${appURL}/api/messages`, { maxRedirects: 0 });
    expect(api.status() === 401, `/api/messages after the revocation: status ${api.status()}`);
    return "signed out at Better Auth from elsewhere; past the JWT's lifetime /dashboard minted, got 401, sent here and " +
      "cleared the session and convex_jwt cookies (gone from the browser); /api/messages answered 401";
  });

  // A signs in again; B signs up on another device and the verification
  // link Better Auth e-mails B is opened in A's browser
  // (get-convex/better-auth#416).
  let signedInAsA;
  await step("signed-in-as-a", page, async () => {
    await signIn(page, email, password);
    expect(pathOf(page) === "/dashboard", `after signing in again expected /dashboard, got ${pathOf(page)}`);
    expect(await text(page, "#user-name") === name, "A's name missing after signing in again");
    const session = await cookieNamed(alice, ".session_token");
    const jwt = await cookieNamed(alice, ".convex_jwt");
    expect(session && jwt && claims(jwt.value).email === email, "no session or A's convex_jwt after signing in again");
    signedInAsA = { session: session.value, jwt: jwt.value };
    return `signed in again as ${name} (${email}) in the same browser`;
  });

  await step("verification-link-switches-to-b", page, async () => {
    const b = { name: "Grace Hopper", email: `grace-${Date.now()}@example.com`, password };
    const { verificationURL } = await control("/sign-up-elsewhere", b);
    const linkPath = `${appURL}/api/auth/verify-email?`;
    expect(verificationURL.startsWith(linkPath), `B's verification link is not on the app's AuthHandler: ${verificationURL}`);
    const res = await page.goto(verificationURL);
    const chain = redirectChain(res);
    const hops = chain.map((req) => new URL(req.url()).pathname);
    expect(hops[0] === "/api/auth/verify-email" && pathOf(page) === "/dashboard",
      `B's link went ${hops.join(" → ")} to ${pathOf(page)}, want /api/auth/verify-email → … → /dashboard`);
    const verified = await chain[0].response();
    const sessionSet = await setCookiesOf(verified, ".session_token");
    const jwtSet = await setCookiesOf(verified, ".convex_jwt");
    expect(sessionSet.length === 1 && !sessionSet[0].includes("Max-Age=0"), `verify-email's Set-Cookie for the session: ${redacted(sessionSet)}, want B's`);
    expect(jwtSet.length === 1 && jwtSet[0].includes("Max-Age=0"), `verify-email's Set-Cookie for convex_jwt: ${redacted(jwtSet)}, want A's cleared once`);
    expect(await text(page, "#user-name") === b.name, `the Go page after B's link shows ${JSON.stringify(await text(page, "#user-name"))}, want ${b.name}`);
    expect(await text(page, "#user-email") === b.email, "the Go page after B's link does not show B's e-mail");
    const session = await cookieNamed(alice, ".session_token");
    const jwt = await cookieNamed(alice, ".convex_jwt");
    expect(session && session.value !== signedInAsA.session, "the browser's session cookie is still A's");
    expect(jwt && jwt.value !== signedInAsA.jwt && claims(jwt.value).email === b.email, "the browser's convex_jwt is not B's");
    return `B (${b.email}) signed up elsewhere; B's verification link, opened here (${hops.join(" → ")}), set B's session and ` +
      "cleared A's convex_jwt; the next Go page shows B, with B's convex_jwt in the browser";
  });

  // Better Auth's production limit: 3 sign-ins per 10 s from one address,
  // and every browser context here is the same address.
  const guesser = await newVisitor();
  const page3 = await guesser.newPage();
  await step("sign-in-rate-limited", page3, async () => {
    // A's sign-in two steps back is in this address's window; start anew.
    await advanceClocks(11);
    await page3.goto(`${appURL}/sign-in`);
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      await page3.fill('input[name="email"]', email);
      await page3.fill('input[name="password"]', `wrong-guess-${i}`);
      const [res] = await Promise.all([page3.waitForNavigation(), page3.click("#sign-in")]);
      statuses.push(res.status());
    }
    expect(statuses.join(",") === "401,401,401,429", `sign-in statuses ${statuses.join(",")}, want 401,401,401,429`);
    const shown = await text(page3, "#form-error");
    expect(/too many requests/i.test(shown ?? ""), `the form after the 4th attempt says ${JSON.stringify(shown)}`);
    expect(!(await cookieNamed(guesser, ".session_token")), "a session cookie after refused sign-ins");
    return `4 wrong passwords within 10 s from this address: 401, 401, 401, then Better Auth's rate limiter: 429 "${shown}"`;
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
