import { query } from "./_generated/server";

// The query authgen's current_user points at: null when nobody is signed in
// (like safeGetAuthUser), never an Unauthenticated error.
export const getCurrentUser = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) return null;
    return {
      id: identity.subject,
      tokenIdentifier: identity.tokenIdentifier,
      email: identity.email as string,
      name: identity.name as string,
      sessionId: identity.sessionId as string,
    };
  },
});
