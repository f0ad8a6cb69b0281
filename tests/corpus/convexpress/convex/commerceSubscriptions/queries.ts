/**
 * Commerce Subscriptions — Queries
 *
 * Ported from VexCart subscriptions.ts queries, adapted to ConvexPress
 * schema (commerce_subscription_* tables) and auth patterns.
 *
 * Functions:
 *   - listTemplates         Admin list of subscription templates
 *   - getTemplate           Get single template by ID
 *   - resolveProductConfig  Resolve effective subscription config for a product
 *   - listMySubscriptions   Customer's own subscriptions (website)
 *   - list                  Admin list all subscriptions
 *   - getById               Subscription detail with items, history, entitlements, invoices
 *   - getMetrics            Dashboard stats (MRR, ARR, churn, counts)
 *   - listInvoices          Admin list subscription invoices
 *   - getInvoice            Get single invoice with items
 *   - listEntitlements      List entitlements for a subscription or user
 *   - checkEntitlement      Check if a user has an active entitlement code
 */

import { v } from "convex/values";

import { query } from "../_generated/server";
import { requireCan, getCurrentUser } from "../helpers/permissions";
import { requireCommerceSubscriptionsEnabled } from "./helpers";
import {
  commerceSubscriptionStatusValidator,
  commerceSubscriptionInvoiceStatusValidator,
} from "../schema/commerceSubscriptions";
import { isPluginEnabled } from "../helpers/plugins";
import {
  buildSubscriptionPricingSnapshot,
  hasExplicitSubscriptionEnablement,
} from "./pricing";
import { computeProration } from "../helpers/proration";

// ═══════════════════════════════════════════════════════════════════════════
// HELPER: Resolve effective subscription config for a product
// ═══════════════════════════════════════════════════════════════════════════

type BillingInterval = "week" | "month" | "year";

const DEFAULT_DUNNING_POLICY = {
  maxAttempts: 3,
  retryIntervalsDays: [1, 3, 7],
  cancelAfterFinalFailure: true,
};

const DUNNING_STATUS_RANK: Record<string, number> = {
  processing: 0,
  scheduled: 1,
  failed: 2,
  aborted: 3,
  succeeded: 4,
};

function isDunningAttemptStatus(value: unknown): value is string {
  return typeof value === "string" && value in DUNNING_STATUS_RANK;
}

async function getProductOverride(ctx: any, productId: any) {
  return ctx.db
    .query("commerce_product_subscription_overrides")
    .withIndex("by_product", (q: any) => q.eq("productId", productId))
    .first();
}

async function resolveEffectiveConfig(
  ctx: any,
  product: any,
  explicitTemplateId?: any,
  variant?: any,
) {
  const override = await getProductOverride(ctx, product._id);
  const configuredTemplateId = explicitTemplateId ?? override?.templateId ?? undefined;

  let template: any = null;
  if (configuredTemplateId) {
    template = await ctx.db.get(configuredTemplateId);
  }

  const billingInterval: BillingInterval =
    override?.overrideBillingInterval ?? template?.billingInterval ?? "month";
  const billingIntervalCount =
    override?.overrideBillingIntervalCount ?? template?.billingIntervalCount ?? 1;
  const trialDays = override?.overrideTrialDays ?? template?.trialDays;
  const gracePeriodDays = override?.overrideGracePeriodDays ?? template?.gracePeriodDays ?? 3;
  const pausable = override?.overridePausable ?? template?.pausable ?? true;
  const cancelAtPeriodEndDefault = template?.cancelAtPeriodEndDefault ?? true;

  const pricing = buildSubscriptionPricingSnapshot({
    product,
    variant,
    override,
    quantity: 1,
  });

  return {
    isSubscriptionEnabled: hasExplicitSubscriptionEnablement(override),
    allowOneTimePurchase: override?.allowOneTimePurchase ?? true,
    templateId: template?._id,
    templateVersion: template?.version,
    unitPrice: pricing.unitAmount,
    currencyCode: pricing.currencyCode,
    billingInterval,
    billingIntervalCount,
    trialDays,
    gracePeriodDays,
    pausable,
    cancelAtPeriodEndDefault,
    dunningPolicy: DEFAULT_DUNNING_POLICY,
  };
}

// ═══════════════════════════════════════════════════════════════════════════
// TEMPLATE QUERIES
// ═══════════════════════════════════════════════════════════════════════════

/**
 * List subscription templates (admin).
 */
// @ts-expect-error TS2589: Convex union-schema types exceed TypeScript's type instantiation depth limit in strict mode.
export const listTemplates = query({
  args: {
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    status: v.optional(
      // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
      v.union(v.literal("draft"), v.literal("active"), v.literal("archived")),
    ),
  },
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx, args) => {
    if (!(await isPluginEnabled(ctx, "commerceSubscriptions"))) return null;
    await requireCommerceSubscriptionsEnabled(ctx);
    await requireCan(ctx, "manage_options");

    let templates = await ctx.db
      .query("commerce_subscription_templates")
      .collect();
    templates = templates.sort((a: any, b: any) => b.createdAt - a.createdAt);
    if (args.status) {
      templates = templates.filter((t: any) => t.status === args.status);
    }
    return templates;
  },
});

/**
 * Get a single subscription template by ID.
 */
// @ts-expect-error TS2589: Convex union-schema types exceed TypeScript's type instantiation depth limit in strict mode.
export const getTemplate = query({
  args: {
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    templateId: v.id("commerce_subscription_templates"),
  },
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx, args) => {
    if (!(await isPluginEnabled(ctx, "commerceSubscriptions"))) return null;
    await requireCommerceSubscriptionsEnabled(ctx);
    return ctx.db.get(args.templateId);
  },
});

/**
 * Resolve effective subscription configuration for a product.
 * Merges template defaults with product-level overrides.
 */
// @ts-expect-error TS2589: Convex union-schema types exceed TypeScript's type instantiation depth limit in strict mode.
export const resolveProductConfig = query({
  args: {
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    productId: v.id("commerce_products"),
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    variantId: v.optional(v.id("commerce_product_variants")),
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    templateId: v.optional(v.id("commerce_subscription_templates")),
  },
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx, args) => {
    if (!(await isPluginEnabled(ctx, "commerceSubscriptions"))) return null;
    await requireCommerceSubscriptionsEnabled(ctx);

    const product = await ctx.db.get(args.productId);
    if (!product) throw new Error("Product not found");

    let variant: any = null;
    if (args.variantId) {
      variant = await ctx.db.get(args.variantId);
      if (!variant || variant.productId !== product._id) {
        throw new Error("Variant not found for product");
      }
    }

    const override = await getProductOverride(ctx, product._id);
    const config = await resolveEffectiveConfig(
      ctx,
      product,
      args.templateId,
      variant,
    );

    return {
      productId: product._id,
      variantId: variant?._id,
      productTitle: product.title ?? product.name,
      variantTitle: variant?.title,
      templateId: config.templateId,
      templateVersion: config.templateVersion,
      config,
      override,
    };
  },
});

// ═══════════════════════════════════════════════════════════════════════════
// SUBSCRIPTION QUERIES
// ═══════════════════════════════════════════════════════════════════════════

/**
 * List current user's subscriptions (customer-facing, website).
 */
// @ts-expect-error TS2589: Convex union-schema types exceed TypeScript's type instantiation depth limit in strict mode.
export const listMySubscriptions = query({
  args: {
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    status: v.optional(commerceSubscriptionStatusValidator),
  },
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx, args) => {
    if (!(await isPluginEnabled(ctx, "commerceSubscriptions"))) return null;
    await requireCommerceSubscriptionsEnabled(ctx);
    const user = await getCurrentUser(ctx);
    if (!user) return [];

    let subscriptions = await ctx.db
      .query("commerce_subscriptions")
      .withIndex("by_user", (q: any) => q.eq("userId", user._id))
      .collect();

    if (args.status) {
      subscriptions = subscriptions.filter((sub: any) => sub.status === args.status);
    }

    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    return Promise.all(
      subscriptions.map(async (subscription: any) => {
        const product = subscription.productId
          ? await ctx.db.get(subscription.productId)
          : null;
        const entitlements = await ctx.db
          .query("commerce_subscription_entitlements")
          .withIndex("by_subscription", (q: any) =>
            q.eq("subscriptionId", subscription._id),
          )
          .collect();

        return {
          ...subscription,
          product: product
            ? {
                _id: product._id,
                title: product.title ?? product.name,
                slug: product.slug,
              }
            : null,
          entitlements,
        };
      }),
    );
  },
});

/**
 * List all subscriptions (admin).
 */
// @ts-expect-error TS2589: Convex union-schema types exceed TypeScript's type instantiation depth limit in strict mode.
export const list = query({
  args: {
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    status: v.optional(commerceSubscriptionStatusValidator),
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    customerId: v.optional(v.id("commerce_customer_profiles")),
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    userId: v.optional(v.id("users")),
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    limit: v.optional(v.number()),
  },
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx, args) => {
    if (!(await isPluginEnabled(ctx, "commerceSubscriptions"))) return [];
    await requireCommerceSubscriptionsEnabled(ctx);
    await requireCan(ctx, "manage_options");

    const limit = args.limit ?? 100;
    let subscriptions: any[] = [];

    if (args.customerId) {
      subscriptions = await ctx.db
        .query("commerce_subscriptions")
        .withIndex("by_customer", (q: any) =>
          q.eq("customerId", args.customerId),
        )
        .collect();
    } else if (args.userId) {
      subscriptions = await ctx.db
        .query("commerce_subscriptions")
        .withIndex("by_user", (q: any) => q.eq("userId", args.userId))
        .collect();
    } else if (args.status) {
      subscriptions = await ctx.db
        .query("commerce_subscriptions")
        .withIndex("by_status", (q: any) => q.eq("status", args.status))
        .collect();
    } else {
      subscriptions = await ctx.db
        .query("commerce_subscriptions")
        .collect();
    }

    subscriptions = subscriptions
      .sort((a: any, b: any) => b.createdAt - a.createdAt)
      .slice(0, limit);

    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    return Promise.all(
      subscriptions.map(async (subscription: any) => {
        const customer = subscription.customerId
          ? await ctx.db.get(subscription.customerId)
          : null;
        const product = subscription.productId
          ? await ctx.db.get(subscription.productId)
          : null;
        return {
          ...subscription,
          customer: customer
            ? {
                _id: customer._id,
                email: customer.email,
                firstName: customer.firstName,
                lastName: customer.lastName,
              }
            : null,
          product: product
            ? {
                _id: product._id,
                title: product.title ?? product.name,
                slug: product.slug,
              }
            : null,
        };
      }),
    );
  },
});

/**
 * Get subscription detail with items, history, entitlements, and invoices.
 * Accessible by admin or the owning customer.
 */
// @ts-expect-error TS2589: Convex union-schema types exceed TypeScript's type instantiation depth limit in strict mode.
export const getById = query({
  args: {
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    subscriptionId: v.id("commerce_subscriptions"),
  },
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx, args) => {
    if (!(await isPluginEnabled(ctx, "commerceSubscriptions"))) return null;
    await requireCommerceSubscriptionsEnabled(ctx);

    const subscription = await ctx.db.get(args.subscriptionId);
    if (!subscription) return null;

    const user = await getCurrentUser(ctx);
    if (!user) return null;

    // Check access: admin or subscription owner
    let isAdmin = false;
    try {
      await requireCan(ctx, "manage_options");
      isAdmin = true;
    } catch {
      // Not admin — check ownership
    }

    if (!isAdmin && user._id !== subscription.userId) {
      return null;
    }

    const items = await ctx.db
      .query("commerce_subscription_items")
      .withIndex("by_subscription", (q: any) =>
        q.eq("subscriptionId", args.subscriptionId),
      )
      .collect();

    const history = await ctx.db
      .query("commerce_subscription_history")
      .withIndex("by_subscription", (q: any) =>
        q.eq("subscriptionId", args.subscriptionId),
      )
      .collect();

    const entitlements = await ctx.db
      .query("commerce_subscription_entitlements")
      .withIndex("by_subscription", (q: any) =>
        q.eq("subscriptionId", args.subscriptionId),
      )
      .collect();

    const invoices = await ctx.db
      .query("commerce_subscription_invoices")
      .withIndex("by_subscription", (q: any) =>
        q.eq("subscriptionId", args.subscriptionId),
      )
      .collect();

    const product = subscription.productId
      ? await ctx.db.get(subscription.productId)
      : null;
    const template = subscription.templateId
      ? await ctx.db.get(subscription.templateId)
      : null;

    return {
      ...subscription,
      product: product
        ? { _id: product._id, title: product.title ?? product.name, slug: product.slug }
        : null,
      template: template
        ? { _id: template._id, title: template.title, slug: template.slug }
        : null,
      items,
      history: history.sort((a: any, b: any) => b.createdAt - a.createdAt),
      entitlements,
      invoices: invoices.sort((a: any, b: any) => b.createdAt - a.createdAt),
    };
  },
});

/**
 * Subscription dashboard metrics (admin).
 */
// @ts-expect-error TS2589: Convex union-schema types exceed TypeScript's type instantiation depth limit in strict mode.
export const getMetrics = query({
  args: {},
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx) => {
    if (!(await isPluginEnabled(ctx, "commerceSubscriptions"))) return { total: 0, active: 0, paused: 0, pastDue: 0, cancelled: 0, mrr: 0, arr: 0, startedLast30: 0, cancelledLast30: 0, churnRate30d: 0 };
    await requireCommerceSubscriptionsEnabled(ctx);
    await requireCan(ctx, "manage_options");

    const now = Date.now();
    const subscriptions = await ctx.db
      .query("commerce_subscriptions")
      .collect();

    const activeLike = subscriptions.filter(
      (sub: any) => sub.status === "active" || sub.status === "trialing",
    );
    const paused = subscriptions.filter((sub: any) => sub.status === "paused");
    const pastDue = subscriptions.filter((sub: any) => sub.status === "past_due");
    const cancelled = subscriptions.filter(
      (sub: any) => sub.status === "cancelled",
    );

    // Monthly Recurring Revenue — sum recurring amount for monthly-billed active subs
    const mrr = activeLike.reduce((sum: number, sub: any) => {
      const amount = sub.recurringAmount ?? 0;
      // Normalize to monthly
      if (sub.currencyCode) {
        // We just sum the raw amounts; proper currency normalization
        // would require exchange rates which we don't have here.
      }
      return sum + amount;
    }, 0);
    const arr = mrr * 12;

    const thirtyDaysAgo = now - 30 * 24 * 60 * 60 * 1000;
    const startedLast30 = subscriptions.filter(
      (sub: any) => sub.createdAt >= thirtyDaysAgo,
    ).length;
    const cancelledLast30 = cancelled.filter(
      (sub: any) => (sub.cancelledAt ?? 0) >= thirtyDaysAgo,
    ).length;

    return {
      total: subscriptions.length,
      active: activeLike.length,
      paused: paused.length,
      pastDue: pastDue.length,
      cancelled: cancelled.length,
      mrr,
      arr,
      startedLast30,
      cancelledLast30,
      churnRate30d:
        startedLast30 > 0 ? (cancelledLast30 / startedLast30) * 100 : 0,
    };
  },
});

// ═══════════════════════════════════════════════════════════════════════════
// INVOICE QUERIES
// ═══════════════════════════════════════════════════════════════════════════

/**
 * List subscription invoices (admin, or filtered by subscription).
 */
// @ts-expect-error TS2589: Convex union-schema types exceed TypeScript's type instantiation depth limit in strict mode.
export const listInvoices = query({
  args: {
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    subscriptionId: v.optional(v.id("commerce_subscriptions")),
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    status: v.optional(commerceSubscriptionInvoiceStatusValidator),
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    limit: v.optional(v.number()),
  },
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx, args) => {
    if (!(await isPluginEnabled(ctx, "commerceSubscriptions"))) return [];
    await requireCommerceSubscriptionsEnabled(ctx);
    await requireCan(ctx, "manage_options");

    const limit = args.limit ?? 100;
    let invoices: any[] = [];

    if (args.subscriptionId) {
      invoices = await ctx.db
        .query("commerce_subscription_invoices")
        .withIndex("by_subscription", (q: any) =>
          q.eq("subscriptionId", args.subscriptionId),
        )
        .collect();
    } else if (args.status) {
      invoices = await ctx.db
        .query("commerce_subscription_invoices")
        .withIndex("by_status", (q: any) => q.eq("status", args.status))
        .collect();
    } else {
      invoices = await ctx.db
        .query("commerce_subscription_invoices")
        .collect();
    }

    invoices = invoices
      .sort((a: any, b: any) => b.createdAt - a.createdAt)
      .slice(0, limit);

    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    return Promise.all(
      invoices.map(async (invoice: any) => {
        const subscription = await ctx.db.get(invoice.subscriptionId);
        return {
          ...invoice,
          subscription: subscription
            ? {
                _id: subscription._id,
                status: subscription.status,
                productId: subscription.productId,
              }
            : null,
        };
      }),
    );
  },
});

/**
 * Get a single invoice with its line items.
 */
// @ts-expect-error TS2589: Convex union-schema types exceed TypeScript's type instantiation depth limit in strict mode.
export const getInvoice = query({
  args: {
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    invoiceId: v.id("commerce_subscription_invoices"),
  },
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx, args) => {
    if (!(await isPluginEnabled(ctx, "commerceSubscriptions"))) return null;
    await requireCommerceSubscriptionsEnabled(ctx);

    const invoice = await ctx.db.get(args.invoiceId);
    if (!invoice) return null;

    // Access check: admin or subscription owner
    const user = await getCurrentUser(ctx);
    if (!user) return null;

    let isAdmin = false;
    try {
      await requireCan(ctx, "manage_options");
      isAdmin = true;
    } catch {
      // Not admin
    }

    if (!isAdmin) {
      const subscription = await ctx.db.get(invoice.subscriptionId);
      if (!subscription || subscription.userId !== user._id) return null;
    }

    const items = await ctx.db
      .query("commerce_subscription_invoice_items")
      .withIndex("by_invoice", (q: any) => q.eq("invoiceId", args.invoiceId))
      .collect();

    return { ...invoice, items };
  },
});

/**
 * List dunning attempts with invoice and contract context.
 *
 * This is the admin-facing operational queue for subscription retry state.
 * The cron action writes attempt rows; this query exposes those rows directly
 * instead of approximating dunning from failed invoice status.
 */
// @ts-expect-error TS2589: Convex union-schema types exceed TypeScript's type instantiation depth limit in strict mode.
export const listDunningAttempts = query({
  args: {
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    subscriptionId: v.optional(v.id("commerce_subscriptions")),
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    invoiceId: v.optional(v.id("commerce_subscription_invoices")),
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    status: v.optional(v.string()),
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    limit: v.optional(v.number()),
  },
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx, args) => {
    if (!(await isPluginEnabled(ctx, "commerceSubscriptions"))) return null;
    await requireCommerceSubscriptionsEnabled(ctx);
    await requireCan(ctx, "manage_options");

    const limit = args.limit ?? 200;
    const requestedStatus = isDunningAttemptStatus(args.status)
      ? args.status
      : undefined;
    if (args.status && !requestedStatus) return [];
    let attempts: any[] = [];

    if (args.subscriptionId) {
      attempts = await ctx.db
        .query("commerce_subscription_dunning_attempts")
        .withIndex("by_subscription", (q: any) =>
          q.eq("subscriptionId", args.subscriptionId),
        )
        .collect();
    } else if (requestedStatus) {
      attempts = await ctx.db
        .query("commerce_subscription_dunning_attempts")
        .withIndex("by_status", (q: any) => q.eq("status", requestedStatus))
        .collect();
    } else {
      attempts = await ctx.db
        .query("commerce_subscription_dunning_attempts")
        .collect();
    }

    if (args.invoiceId) {
      attempts = attempts.filter((attempt: any) => attempt.invoiceId === args.invoiceId);
    }
    if (requestedStatus && args.subscriptionId) {
      attempts = attempts.filter((attempt: any) => attempt.status === requestedStatus);
    }

    attempts = attempts
      .sort((a: any, b: any) => {
        const statusDelta =
          (DUNNING_STATUS_RANK[a.status] ?? 99) -
          (DUNNING_STATUS_RANK[b.status] ?? 99);
        if (statusDelta !== 0) return statusDelta;
        return (b.scheduledAt ?? b.createdAt ?? 0) - (a.scheduledAt ?? a.createdAt ?? 0);
      })
      .slice(0, limit);

    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    return Promise.all(
      attempts.map(async (attempt: any) => {
        const subscription = await ctx.db.get(attempt.subscriptionId);
        const invoice = attempt.invoiceId ? await ctx.db.get(attempt.invoiceId) : null;

        const customer = subscription?.customerId
          ? await ctx.db.get(subscription.customerId)
          : null;

        return {
          ...attempt,
          subscription: subscription
            ? {
                _id: subscription._id,
                status: subscription.status,
                userId: subscription.userId,
                customerId: subscription.customerId,
                customer: customer
                  ? {
                      _id: customer._id,
                      email: customer.email,
                      firstName: customer.firstName,
                      lastName: customer.lastName,
                    }
                  : null,
              }
            : null,
          invoice: invoice
            ? {
                _id: invoice._id,
                status: invoice.status,
                currencyCode: invoice.currencyCode,
                totalAmount: invoice.totalAmount,
                paymentProvider: invoice.paymentProvider,
                dueAt: invoice.dueAt,
                updatedAt: invoice.updatedAt,
              }
            : null,
        };
      }),
    );
  },
});

// ═══════════════════════════════════════════════════════════════════════════
// ENTITLEMENT QUERIES
// ═══════════════════════════════════════════════════════════════════════════

/**
 * List entitlements for a subscription or user.
 */
// @ts-expect-error TS2589: Convex union-schema types exceed TypeScript's type instantiation depth limit in strict mode.
export const listEntitlements = query({
  args: {
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    subscriptionId: v.optional(v.id("commerce_subscriptions")),
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    userId: v.optional(v.id("users")),
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    status: v.optional(
      // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
      v.union(
        // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
        v.literal("active"),
        // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
        v.literal("grace"),
        // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
        v.literal("revoked"),
        // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
        v.literal("expired"),
      ),
    ),
  },
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx, args) => {
    if (!(await isPluginEnabled(ctx, "commerceSubscriptions"))) return [];
    await requireCommerceSubscriptionsEnabled(ctx);

    const user = await getCurrentUser(ctx);
    if (!user) return [];

    let isAdmin = false;
    try {
      await requireCan(ctx, "manage_options");
      isAdmin = true;
    } catch {
      // Non-admin users may only read their own entitlement data.
    }

    let entitlements: any[] = [];

    if (args.subscriptionId) {
      const subscription = await ctx.db.get(args.subscriptionId);
      if (!subscription) return [];
      if (!isAdmin && subscription.userId !== user._id) return [];

      entitlements = await ctx.db
        .query("commerce_subscription_entitlements")
        .withIndex("by_subscription", (q: any) =>
          q.eq("subscriptionId", args.subscriptionId),
        )
        .collect();
    } else if (args.userId && args.status) {
      if (!isAdmin && args.userId !== user._id) return [];
      entitlements = await ctx.db
        .query("commerce_subscription_entitlements")
        .withIndex("by_user_status", (q: any) =>
          q.eq("userId", args.userId).eq("status", args.status),
        )
        .collect();
    } else if (args.userId) {
      if (!isAdmin && args.userId !== user._id) return [];
      // Collect all statuses for user
      const statuses = ["active", "grace", "revoked", "expired"] as const;
      for (const s of statuses) {
        const batch = await ctx.db
          .query("commerce_subscription_entitlements")
          .withIndex("by_user_status", (q: any) =>
            q.eq("userId", args.userId).eq("status", s),
          )
          .collect();
        entitlements.push(...batch);
      }
    } else {
      if (isAdmin) {
        entitlements = await ctx.db
          .query("commerce_subscription_entitlements")
          .collect();
      } else {
        const statuses = ["active", "grace", "revoked", "expired"] as const;
        for (const s of statuses) {
          const batch = await ctx.db
            .query("commerce_subscription_entitlements")
            .withIndex("by_user_status", (q: any) =>
              q.eq("userId", user._id).eq("status", s),
            )
            .collect();
          entitlements.push(...batch);
        }
      }
    }

    if (args.status && !args.userId) {
      entitlements = entitlements.filter((e: any) => e.status === args.status);
    }

    return entitlements;
  },
});

/**
 * Check if a user has an active entitlement for a specific code.
 * Used by downstream systems (membership, content gating) to check access.
 */
// @ts-expect-error TS2589: Convex union-schema types exceed TypeScript's type instantiation depth limit in strict mode.
export const checkEntitlement = query({
  args: {
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    userId: v.id("users"),
    entitlementCode: v.string(),
  },
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx, args) => {
    if (!(await isPluginEnabled(ctx, "commerceSubscriptions"))) {
      return { hasEntitlement: false, entitlement: null };
    }
    await requireCommerceSubscriptionsEnabled(ctx);

    const user = await getCurrentUser(ctx);
    if (!user) {
      return { hasEntitlement: false, entitlement: null };
    }

    let isAdmin = false;
    try {
      await requireCan(ctx, "manage_options");
      isAdmin = true;
    } catch {
      // Non-admin users may only check their own entitlement state.
    }

    if (!isAdmin && args.userId !== user._id) {
      return { hasEntitlement: false, entitlement: null };
    }

    const activeEntitlements = await ctx.db
      .query("commerce_subscription_entitlements")
      .withIndex("by_user_status", (q: any) =>
        q.eq("userId", args.userId).eq("status", "active"),
      )
      .collect();

    const match = activeEntitlements.find(
      (e: any) => e.entitlementCode === args.entitlementCode,
    );

    if (match) {
      return { hasEntitlement: true, entitlement: match };
    }

    // Also check grace period entitlements
    const graceEntitlements = await ctx.db
      .query("commerce_subscription_entitlements")
      .withIndex("by_user_status", (q: any) =>
        q.eq("userId", args.userId).eq("status", "grace"),
      )
      .collect();

    const graceMatch = graceEntitlements.find(
      (e: any) => e.entitlementCode === args.entitlementCode,
    );

    if (graceMatch) {
      const now = Date.now();
      const stillInGrace = !graceMatch.graceEndsAt || graceMatch.graceEndsAt > now;
      return {
        hasEntitlement: stillInGrace,
        inGracePeriod: true,
        entitlement: graceMatch,
      };
    }

    return { hasEntitlement: false, entitlement: null };
  },
});

// ═══════════════════════════════════════════════════════════════════════════
// PRORATION PREVIEW (Wave 3 — thin read-only wrapper around helpers/proration)
// ═══════════════════════════════════════════════════════════════════════════

/**
 * Preview the financial impact of moving a contract from its current offer to
 * a target offer, using the contract's current cycle bounds. Read-only — no
 * DB writes. Safe to call on every keystroke in an upgrade/downgrade picker.
 *
 * Returns:
 *   - `unusedOldAmount`   Credit from unused portion of current cycle on old offer
 *   - `proratedNewAmount` Pro-rated price of new offer for the same unused portion
 *   - `netCharge`         proratedNewAmount − unusedOldAmount
 *   - `isUpgrade`         netCharge > 0
 *   - `effectiveAt`       Now for upgrades, cycleEnd for downgrades
 *   - `currencyCode`      From the contract
 *
 * Auth: admin (manage_options) OR contract owner.
 *
 * `@ts-nocheck` carried — matches the file-level pragma. Wave 7 removes.
 */
// @ts-expect-error TS2589: Convex union-schema types exceed TypeScript's type instantiation depth limit in strict mode.
export const previewProration = query({
  args: {
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    contractId: v.id("commerce_subscriptions"),
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    toOfferId: v.id("commerce_subscription_offers"),
  },
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx, args) => {
    if (!(await isPluginEnabled(ctx, "commerceSubscriptions"))) return null;
    await requireCommerceSubscriptionsEnabled(ctx);

    const contract = await ctx.db.get(args.contractId);
    if (!contract) return null;

    const user = await getCurrentUser(ctx);
    if (!user) return null;

    // Admin OR owner
    let isAdmin = false;
    try {
      await requireCan(ctx, "manage_options");
      isAdmin = true;
    } catch {
      // Not admin — check ownership
    }
    if (!isAdmin && user._id !== contract.userId) {
      return null;
    }

    // Resolve the current offer via the first active item.
    const items = await ctx.db
      .query("commerce_subscription_items")
      .withIndex("by_subscription", (q: any) =>
        q.eq("subscriptionId", args.contractId),
      )
      .collect();
    const activeItem = items.find(
      (it: any) => it.status === "active" || it.status === "pending_cancel",
    );
    if (!activeItem || !activeItem.sourceOfferId) {
      return null;
    }
    const fromOffer = await ctx.db.get(activeItem.sourceOfferId);
    const toOffer = await ctx.db.get(args.toOfferId);
    if (!fromOffer || !toOffer) return null;

    const cycleStart =
      contract.currentPeriodStartAt ?? contract.createdAt ?? Date.now();
    const cycleEnd =
      contract.currentPeriodEndAt ?? cycleStart + 30 * 24 * 60 * 60 * 1000;
    const now = Date.now();

    const result = computeProration({
      cycleStart,
      cycleEnd,
      now,
      oldOfferPrice: fromOffer.recurringAmount ?? 0,
      newOfferPrice: toOffer.recurringAmount ?? 0,
    });

    const isUpgrade = result.netCharge > 0;
    const effectiveAt = isUpgrade ? now : cycleEnd;

    return {
      ...result,
      isUpgrade,
      effectiveAt,
      currencyCode:
        toOffer.currencyCode ?? contract.currencyCode ?? "USD",
      fromOfferTitle: fromOffer.title,
      toOfferTitle: toOffer.title,
    };
  },
});


// ═══════════════════════════════════════════════════════════════════════════
// PUBLIC: live-charging status (Wave 10.1)
// ═══════════════════════════════════════════════════════════════════════════

/**
 * Public query exposing whether real Stripe charging is on for the site.
 * The website signup flow uses this to decide whether to render Stripe
 * Elements or disable paid subscription checkout. Zero-dollar checkouts can
 * still activate through the explicit free provider.
 *
 * Returns `{ live, publishableKey }`. Only the publishable key is exposed
 * — never the secret.
 */
// @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
export const getLiveChargingStatus = query({
  args: {},
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx): Promise<{ live: boolean; publishableKey: string | null }> => {
    const doc = await ctx.db
      .query("settings")
      .withIndex("by_section", (q: any) => q.eq("section", "commerce.payments"))
      .unique();
    const values = (doc?.values ?? {}) as Record<string, unknown>;
    const live = values.subscriptionChargingEnabled === true;
    const publishableKey =
      typeof values.stripePublishableKey === "string" && (values.stripePublishableKey as string).trim()
        ? (values.stripePublishableKey as string)
        : null;
    return { live, publishableKey };
  },
});

// ═══════════════════════════════════════════════════════════════════════════
// ORDER FORMS + FORM SUBMISSIONS ADMIN (Wave 10.3)
// ═══════════════════════════════════════════════════════════════════════════

// @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
export const listOrderForms = query({
  args: {},
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx) => {
    await requireCommerceSubscriptionsEnabled(ctx);
    const rows = await ctx.db
      .query("commerce_subscription_order_forms")
      .order("desc")
      .collect();
    return rows;
  },
});

// @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
export const getOrderForm = query({
  args: {
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    orderFormId: v.id("commerce_subscription_order_forms"),
  },
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx, args) => {
    await requireCommerceSubscriptionsEnabled(ctx);
    return await ctx.db.get(args.orderFormId);
  },
});

// @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
export const listFormSubmissions = query({
  args: {},
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx) => {
    await requireCommerceSubscriptionsEnabled(ctx);
    const rows = await ctx.db
      .query("commerce_subscription_form_submissions")
      .order("desc")
      .take(200);
    const withForm = await Promise.all(
      rows.map(async (r: any) => {
        const form = r.formId ? await ctx.db.get(r.formId) : null;
        return {
          _id: r._id,
          email: r.email ?? "(no email)",
          status: r.status ?? "pending",
          submittedAt: r.createdAt,
          formTitle: form?.title,
        };
      }),
    );
    return withForm;
  },
});

// @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
export const getFormSubmission = query({
  args: {
    // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
    submissionId: v.id("commerce_subscription_form_submissions"),
  },
  // @ts-expect-error TS2589: Convex generated API union types exceed TypeScript instantiation depth.
  handler: async (ctx, args) => {
    await requireCommerceSubscriptionsEnabled(ctx);
    return await ctx.db.get(args.submissionId);
  },
});
