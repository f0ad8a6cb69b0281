// Stand-in for `npx convex codegen` output: the untyped builders.
export {
  queryGeneric as query,
  mutationGeneric as mutation,
  actionGeneric as action,
  internalQueryGeneric as internalQuery,
  internalMutationGeneric as internalMutation,
} from "convex/server";
