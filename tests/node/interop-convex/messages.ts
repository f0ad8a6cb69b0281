import { ConvexError, v } from "convex/values";
import { internalMutation, mutation, query } from "./_generated/server";

export const list = query({
  args: { channel: v.string(), limit: v.optional(v.number()) },
  handler: async (ctx, { channel, limit }) => {
    const rows = await ctx.db
      .query("messages")
      .withIndex("by_channel", (q) => q.eq("channel", channel))
      .order("asc")
      .take(limit ?? 100);
    return rows.map(({ body, author, seq }) => ({ body, author, seq }));
  },
});

export const send = mutation({
  args: { channel: v.string(), body: v.string() },
  handler: async (ctx, { channel, body }) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) {
      throw new ConvexError({ code: "UNAUTHENTICATED", retryable: false });
    }
    if (body.trim() === "") throw new Error("empty message");
    const count = (await ctx.db.query("messages").collect()).length;
    return await ctx.db.insert("messages", {
      channel,
      body,
      author: identity.email as string,
      seq: BigInt(count + 1),
    });
  },
});

export const purge = internalMutation({
  args: {},
  handler: async (ctx) => {
    for (const row of await ctx.db.query("messages").collect()) await ctx.db.delete(row._id);
  },
});
