"use node";

/**
 * PRD C3 USPS authentication — port of legacy actions.ts:188-262.
 * OAuth 2.0 with JSON body (NOT form-encoded — differs from UPS/FedEx).
 * Adds in-memory token cache.
 */

import { ConvexError } from "convex/values";

import type { ActionCtx } from "../../../_generated/server";
import { internal } from "../../../_generated/api";
import { getShippingProviderSettings } from "../../helpers/settings";
import { getDecryptedProviderPayload } from "../_shared/credentials";

export type UspsCredentials = {
  clientId: string;
  clientSecret: string;
  accountNumber?: string;
  apiBaseUrl: string;
};

const PROD_BASE = "https://apis.usps.com";
const SANDBOX_BASE = "https://apis-tem.usps.com";

// Cross-invocation OAuth token cache via shipping_provider_oauth_tokens table
// (Tier 1.1). Replaces the prior in-process Map.
const TOKEN_TTL_MS = 30 * 60 * 1000; // USPS tokens typically 30 min
const REFRESH_BUFFER_MS = 2 * 60 * 1000;

export async function getUspsCredentialsV2(ctx: ActionCtx): Promise<UspsCredentials> {
  const payload = await getDecryptedProviderPayload(ctx, "usps");
  const providerSettings = await getShippingProviderSettings(ctx, "usps");

  const clientId = payload.clientId;
  const clientSecret = payload.clientSecret;
  const accountNumber = payload.accountNumber;
  const customBaseUrl = payload.apiBaseUrl;

  if (!clientId || !clientSecret) {
    throw new ConvexError({
      code: "VALIDATION_ERROR",
      message: "USPS credentials are incomplete. Client ID and Client Secret are required.",
    });
  }

  const apiBaseUrl = (
    customBaseUrl ?? (providerSettings.mode === "production" ? PROD_BASE : SANDBOX_BASE)
  ).replace(/\/+$/, "");

  return { clientId, clientSecret, accountNumber, apiBaseUrl };
}

export async function getUspsAccessTokenV2(
  ctx: ActionCtx,
): Promise<{ accessToken: string; credentials: UspsCredentials }> {
  const credentials = await getUspsCredentialsV2(ctx);

  const connection = await ctx.runQuery(
    internal.shipping.providers._shared.tokenCache.findConnectionByProvider,
    { provider: "usps" },
  );
  if (connection) {
    const cached = await ctx.runQuery(
      internal.shipping.providers._shared.tokenCache.getCachedToken,
      { connectionId: connection._id },
    );
    if (cached && cached.expiresAt > Date.now() + REFRESH_BUFFER_MS) {
      return { accessToken: cached.accessToken, credentials };
    }
  }

  const tokenResponse = await fetch(`${credentials.apiBaseUrl}/oauth2/v3/token`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json",
    },
    body: JSON.stringify({
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      grant_type: "client_credentials",
    }),
  });

  if (!tokenResponse.ok) {
    const body = await tokenResponse.text();
    await ctx.runMutation(internal.shipping.internals.updateConnectionHealth, {
      provider: "usps",
      status: tokenResponse.status >= 500 ? "degraded" : "error",
      lastErrorCode: String(tokenResponse.status),
      lastErrorMessage: body.slice(0, 500),
    });
    throw new ConvexError({
      code: "USPS_AUTH_ERROR",
      message: body.slice(0, 500) || "Failed to authenticate with USPS.",
    });
  }

  const tokenPayload = (await tokenResponse.json()) as {
    access_token?: string;
    accessToken?: string;
    token?: string;
    expires_in?: number;
  };
  const accessToken =
    tokenPayload.access_token ?? tokenPayload.accessToken ?? tokenPayload.token;
  if (!accessToken) {
    throw new ConvexError({
      code: "USPS_AUTH_ERROR",
      message: "USPS authentication response did not include an access token.",
    });
  }

  const expiresInMs = tokenPayload.expires_in ? tokenPayload.expires_in * 1000 : TOKEN_TTL_MS;

  if (connection) {
    await ctx.runMutation(
      internal.shipping.providers._shared.tokenCache.setCachedToken,
      {
        connectionId: connection._id,
        provider: "usps",
        accessToken,
        expiresAt: Date.now() + expiresInMs,
      },
    );
  }

  return { accessToken, credentials };
}
