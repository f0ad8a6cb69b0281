/**
 * Settings System - HTTP API Internal Functions
 *
 * These internal functions are used exclusively by HTTP actions (httpAction).
 * They are NOT client-callable, providing a security layer between the public
 * HTTP API and the database operations.
 *
 * This addresses security issue H-17: HTTP actions should use internal functions
 * instead of public API functions.
 *
 * Functions:
 *   getBySectionInternal - Get settings by section for HTTP API
 *   getPublicInternal    - Get public settings for HTTP API
 */

import { internalQuery } from "../_generated/server";
import { v } from "convex/values";
import {
  getDefaults,
  AUTOLOADED_SECTIONS,
  type SettingsSection,
} from "./defaults";

/**
 * Internal version of getBySection for HTTP API.
 * No client-side auth - caller (HTTP handler) handles API key auth.
 */
export const getBySectionInternal = internalQuery({
  args: {
    section: v.string(),
  },
  handler: async (ctx, args) => {
    const section = args.section as SettingsSection;

    // Get defaults
    const defaults = getDefaults(section);

    // Get stored document
    const doc = await ctx.db
      .query("settings")
      .withIndex("by_section", (q) => q.eq("section", section))
      .unique();

    // Merge defaults with stored values
    const values = doc
      ? { ...defaults, ...(doc.values as Record<string, unknown>) }
      : { ...defaults };

    return {
      ...values,
      _id: doc?._id ?? null,
      updatedAt: doc?.updatedAt ?? null,
      updatedBy: doc?.updatedBy ?? null,
    };
  },
});

/**
 * Internal version of getPublic for HTTP API.
 * No client-side auth - caller handles API key auth.
 */
export const getPublicInternal = internalQuery({
  args: {},
  handler: async (ctx) => {
    // Fetch all autoloaded sections
    const sections: Record<string, Record<string, unknown>> = {};

    for (const section of AUTOLOADED_SECTIONS) {
      const defaults = getDefaults(section);

      const doc = await ctx.db
        .query("settings")
        .withIndex("by_section", (q) => q.eq("section", section))
        .unique();

      sections[section] = doc
        ? { ...defaults, ...(doc.values as Record<string, unknown>) }
        : { ...defaults };
    }

    // Build the public-safe result by picking specific values
    const general = sections.general ?? {};
    const reading = sections.reading ?? {};
    const discussion = sections.discussion ?? {};
    const permalinks = sections.permalinks ?? {};
    const privacy = sections.privacy ?? {};
    const pluginsDefaults = getDefaults("plugins");
    const pluginsDoc = await ctx.db
      .query("settings")
      .withIndex("by_section", (q) => q.eq("section", "plugins"))
      .unique();
    const plugins = pluginsDoc
      ? { ...pluginsDefaults, ...(pluginsDoc.values as Record<string, unknown>) }
      : { ...pluginsDefaults };

    return {
      // General (excluding adminEmail)
      siteTitle: general.siteTitle,
      tagline: general.tagline,
      siteUrl: general.siteUrl,
      homeUrl: general.homeUrl,
      membershipEnabled: general.membershipEnabled,
      siteLanguage: general.siteLanguage,
      timezone: general.timezone,
      dateFormat: general.dateFormat,
      timeFormat: general.timeFormat,
      weekStartsOn: general.weekStartsOn,

      // Reading
      homepageDisplays: reading.homepageDisplays,
      homepageId: reading.homepageId,
      postsPageId: reading.postsPageId,
      postsPerPage: reading.postsPerPage,
      feedItemCount: reading.feedItemCount,
      feedContentDisplay: reading.feedContentDisplay,
      searchEngineVisibility: reading.searchEngineVisibility,

      // Discussion (excluding word lists)
      allowComments: discussion.allowComments,
      requireNameEmail: discussion.requireNameEmail,
      requireRegistration: discussion.requireRegistration,
      enableThreadedComments: discussion.enableThreadedComments,
      threadedCommentsDepth: discussion.threadedCommentsDepth,
      commentOrder: discussion.commentOrder,
      showAvatars: discussion.showAvatars,
      avatarRating: discussion.avatarRating,
      defaultAvatar: discussion.defaultAvatar,

      // Permalinks
      permalinkStructure: permalinks.structure,
      categoryBase: permalinks.categoryBase,
      tagBase: permalinks.tagBase,

      // Privacy
      privacyPolicyPageId: privacy.privacyPolicyPageId,
      showPrivacyPolicyLink: privacy.showPrivacyPolicyLink,

      // Public plugin flags. These are feature visibility controls, not secrets.
      plugins: {
        commerceEnabled: plugins.commerceEnabled,
        commerceSubscriptionsEnabled: plugins.commerceSubscriptionsEnabled,
        commerceDigitalEnabled: plugins.commerceDigitalEnabled,
        commerceReviewsEnabled: plugins.commerceReviewsEnabled,
        commerceWishlistsEnabled: plugins.commerceWishlistsEnabled,
        commerceBundlesEnabled: plugins.commerceBundlesEnabled,
        commerceReturnsEnabled: plugins.commerceReturnsEnabled,
        membershipEnabled: plugins.membershipEnabled,
        knowledgeBaseEnabled: plugins.knowledgeBaseEnabled,
        ticketsEnabled: plugins.ticketsEnabled,
        customFieldsEnabled: plugins.customFieldsEnabled,
        recipesEnabled: plugins.recipesEnabled,
        galleryEnabled: plugins.galleryEnabled,
        formsEnabled: plugins.formsEnabled,
      },
    };
  },
});
