package authtest

import "context"

func contextWithCallInfo(ctx context.Context, info *callInfo) context.Context {
	return context.WithValue(ctx, callInfoKey{}, info)
}

// setCallFunction records the function path of the current Convex call.
func setCallFunction(ctx context.Context, path string) {
	if info, ok := ctx.Value(callInfoKey{}).(*callInfo); ok {
		info.function = path
	}
}
