// Browser end-to-end run of the examples/ssr live message list, driven by
// tests/e2e (Go, TestBrowserLive).
//
// Environment:
//   E2E_APP_URL   the running app, e.g. http://127.0.0.1:41234 (required)
//   E2E_OUT_DIR   where step screenshots go (required)
//   E2E_CHROMIUM  the browser binary (default /usr/bin/chromium)
//
// Two visitors, each in their own browser context with JavaScript on, sit
// on the dashboard. A message sent by one appears in the other's list
// through the dashboard's EventSource on /dashboard/live, with no reload:
// each page carries a marker set by script before the send, which a reload
// would wipe. Each step prints "ok <step>" and saves <NN>-<step>.png with a
// caption; the first failure saves FAILED-<step>.png, prints the reason and
// exits 1.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const appURL = required("E2E_APP_URL").replace(/\/$/, "");
const outDir = required("E2E_OUT_DIR");
const executablePath = process.env.E2E_CHROMIUM || "/usr/bin/chromium";
mkdirSync(outDir, { recursive: true });

function required(name) {
  const v = process.env[name];
  if (!v) {
    console.error(`e2e-live: ${name} is not set`);
    process.exit(2);
  }
  return v;
}

class StepFailure extends Error {}

function expect(cond, message) {
  if (!cond) throw new StepFailure(message);
}

// As in e2e-browser.mjs: a loaded 2-core machine stalls processes for
// seconds; a step needs an answer, not a fast one.
const actionTimeoutMs = 90_000;

const browser = await chromium.launch({
  executablePath,
  timeout: actionTimeoutMs,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});

async function newVisitor() {
  const context = await browser.newContext();
  context.setDefaultTimeout(actionTimeoutMs);
  context.setDefaultNavigationTimeout(actionTimeoutMs);
  return context;
}

let stepNo = 0;
let current = { name: "launch", page: null };

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

function captionStyle(text) {
  const content = text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\A ");
  return `html::before { content: "${content}"; display: block; white-space: pre-wrap; ` +
    "font: 14px/1.4 monospace; color: #123; background: #e8f0fe; border-bottom: 2px solid #4a6fa5; padding: 8px 12px; }";
}

function pathOf(page) {
  const u = new URL(page.url());
  expect(u.origin === appURL, `left the app: now at ${page.url()}`);
  return u.pathname + u.search;
}

async function signUp(page, name, email) {
  await page.goto(`${appURL}/sign-up`);
  await page.fill('input[name="name"]', name);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', "correct-horse-battery-staple");
  await Promise.all([page.waitForNavigation(), page.click("#sign-up")]);
  expect(pathOf(page) === "/dashboard", `after sign-up expected /dashboard, got ${pathOf(page)}`);
  expect((await page.textContent("#user-name")).trim() === name, "the dashboard does not show the name");
}

// markPage sets a marker in the page's JavaScript state; a reload or a
// navigation loses it.
async function markPage(page) {
  await page.evaluate(() => { window.e2eNoReload = true; });
}

async function stillSamePage(page) {
  return await page.evaluate(() => window.e2eNoReload === true);
}

// send posts a message through the dashboard's form (a normal form post:
// the sender's page reloads onto the dashboard).
async function send(page, body) {
  await page.fill("#message-body", body);
  await Promise.all([page.waitForNavigation(), page.click("#send")]);
  expect(pathOf(page) === "/dashboard", `after sending expected /dashboard, got ${pathOf(page)}`);
}

// waitForMessage waits until the list shows "<author>: <body>".
async function waitForMessage(page, author, body) {
  await page.waitForFunction(
    ([author, body]) => [...document.querySelectorAll("#messages li")].some(
      (li) => li.querySelector("strong")?.textContent === author && li.textContent.endsWith(": " + body)),
    [author, body],
    { timeout: actionTimeoutMs },
  );
}

const stamp = Date.now();
const ada = { name: "Ada Lovelace", email: `ada-${stamp}@example.com` };
const bob = { name: "Charles Babbage", email: `charles-${stamp}@example.com` };
const fromBob = `The engine is ready (${stamp}).`;
const fromAda = `Then let us compute Bernoulli numbers (${stamp}).`;

try {
  const adaPage = await (await newVisitor()).newPage();
  const bobPage = await (await newVisitor()).newPage();

  await step("live-first-visitor", adaPage, async () => {
    await signUp(adaPage, ada.name, ada.email);
    await markPage(adaPage);
    return `${ada.name} signed up; the dashboard's list listens on /dashboard/live`;
  });

  await step("live-second-visitor", bobPage, async () => {
    await signUp(bobPage, bob.name, bob.email);
    await markPage(bobPage);
    return `${bob.name} signed up in a second browser context`;
  });

  await step("live-send", bobPage, async () => {
    await send(bobPage, fromBob);
    await waitForMessage(bobPage, bob.name, fromBob);
    return `${bob.name} sent "${fromBob}" through the form (messages:send)`;
  });

  await step("live-arrives-without-reload", adaPage, async () => {
    await waitForMessage(adaPage, bob.name, fromBob);
    expect(await stillSamePage(adaPage), `${ada.name}'s page was reloaded`);
    expect(pathOf(adaPage) === "/dashboard", `${ada.name}'s page is at ${pathOf(adaPage)}`);
    return `${ada.name}'s page, not reloaded, shows ${bob.name}'s message: an SSE update of the watched messages:list`;
  });

  await step("live-reply-arrives", bobPage, async () => {
    await markPage(bobPage); // the send above reloaded Bob's page
    await send(adaPage, fromAda);
    await waitForMessage(bobPage, ada.name, fromAda);
    expect(await stillSamePage(bobPage), `${bob.name}'s page was reloaded`);
    return `${ada.name} replied; ${bob.name}'s page, not reloaded since, shows it`;
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
