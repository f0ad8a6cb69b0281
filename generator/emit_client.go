package generator

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/internal/manifest"
)

// emitClient renders Client, its constructors, one method per function and
// the middleware helpers.
func (g *gen) emitClient() *jen.File {
	m := g.m
	f := g.newFile()
	f.Comment("Generated code needs a betterauth runtime that supports this generator's API:")
	f.Comment("a mismatch fails to compile here rather than misbehave at run time.")
	f.Const().Id("_").Op("=").Qual(betterauthPkg, "SupportPackageIsVersion1")
	f.Line()

	f.Comment("Client calls the deployment's functions on behalf of each request's signed-in user.")
	f.Comment("Create one at startup with New or NewFromEnv and share it; it is safe for concurrent use.")
	f.Type().Id("Client").Struct(jen.Id("auth").Op("*").Qual(betterauthPkg, "Auth"))
	f.Line()

	f.Comment("New validates cfg and returns a Client; the error lists every configuration problem with its fix.")
	f.Func().Id("New").Params(jen.Id("cfg").Qual(betterauthPkg, "Config"), jen.Id("opts").Op("...").Qual(betterauthPkg, "Option")).
		Params(jen.Op("*").Id("Client"), jen.Error()).Block(
		jen.List(jen.Id("auth"), jen.Err()).Op(":=").Qual(betterauthPkg, "New").Call(jen.Id("cfg"), jen.Id("opts").Op("...")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Op("&").Id("Client").Values(jen.Dict{jen.Id("auth"): jen.Id("auth")}), jen.Nil()),
	)
	f.Line()

	env := jen.Dict{jen.Id("ConvexURL"): jen.Lit(m.Auth.ConvexURLEnv), jen.Id("SiteURL"): jen.Lit(m.Auth.SiteURLEnv)}
	envDoc := fmt.Sprintf("%s and %s", m.Auth.ConvexURLEnv, m.Auth.SiteURLEnv)
	if m.Auth.JWKSEnv != "" {
		env[jen.Id("JWKS")] = jen.Lit(m.Auth.JWKSEnv)
		envDoc = fmt.Sprintf("%s, %s and %s (a static JWKS)", m.Auth.ConvexURLEnv, m.Auth.SiteURLEnv, m.Auth.JWKSEnv)
	}
	f.Comment(fmt.Sprintf("NewFromEnv reads the deployment from %s, applies the manifest's", envDoc))
	f.Comment("auth settings and calls New, so a misconfigured server fails at startup.")
	f.Func().Id("NewFromEnv").Params(jen.Id("opts").Op("...").Qual(betterauthPkg, "Option")).Params(jen.Op("*").Id("Client"), jen.Error()).Block(
		jen.List(jen.Id("cfg"), jen.Err()).Op(":=").Qual(betterauthPkg, "LoadConfigFromEnv").Call(jen.Qual(betterauthPkg, "EnvNames").Values(env)),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Id("cfg").Dot("BasePath").Op("=").Lit(m.Auth.BasePath),
		jen.Id("cfg").Dot("CookiePrefix").Op("=").Lit(m.Auth.CookiePrefix),
		jen.Id("cfg").Dot("SignInPath").Op("=").Lit(m.Auth.SignInPath),
		jen.Return(jen.Id("New").Call(jen.Id("cfg"), jen.Id("opts").Op("..."))),
	)
	f.Line()

	g.emitAccessors(f)
	for _, rf := range g.r.functions {
		g.emitCall(f, rf)
		if rf.fn.Kind == manifest.Query {
			g.emitPreload(f, rf)
		}
		if rf.pageField != "" {
			g.emitIterator(f, rf)
		}
	}
	if g.currentUser != nil {
		g.emitCurrentUser(f, g.currentUser)
	}
	return f
}

func recv() *jen.Statement { return jen.Func().Params(jen.Id("c").Op("*").Id("Client")) }

func ctxParam() jen.Code { return jen.Id("ctx").Qual("context", "Context") }

func (g *gen) emitAccessors(f *jen.File) {
	handler := jen.Qual("net/http", "Handler")
	f.Comment("Auth returns the betterauth.Auth the client uses, for anything the generated methods do not cover.")
	f.Add(recv().Id("Auth").Params().Op("*").Qual(betterauthPkg, "Auth").Block(jen.Return(jen.Id("c").Dot("auth"))))
	f.Line()

	f.Comment("Middleware resolves each request's session and attaches it to the request context.")
	f.Comment("It never blocks: anonymous requests pass through unauthenticated.")
	f.Add(recv().Id("Middleware").Params(jen.Id("next").Add(handler)).Add(handler).Block(
		jen.Return(jen.Id("c").Dot("auth").Dot("Middleware").Call(jen.Id("next")))))
	f.Line()

	f.Comment("RequireAuth lets only signed-in requests through: pages are redirected to the sign-in")
	f.Comment("path and API requests answered 401. Use it inside Middleware.")
	f.Add(recv().Id("RequireAuth").Params(jen.Id("next").Add(handler)).Add(handler).Block(
		jen.Return(jen.Id("c").Dot("auth").Dot("RequireAuth").Call(jen.Id("next")))))
	f.Line()

	routes := make([]jen.Code, len(g.m.Routes))
	var doc []string
	for i, r := range g.m.Routes {
		mode, word := jen.Qual(betterauthPkg, "Redirect"), "redirects to sign in"
		if r.Status401 {
			mode, word = jen.Qual(betterauthPkg, "Status401"), "answers 401"
		}
		fields := jen.Dict{jen.Id("Prefix"): jen.Lit(r.Prefix), jen.Id("Unauthenticated"): mode}
		if req := routeRequirement(r); req != nil {
			fields[jen.Id("Require")] = req
			word += " (403 to a signed-in user without " + requirementDoc(r) + ")"
		}
		routes[i] = jen.Values(fields)
		doc = append(doc, fmt.Sprintf("%s %s", r.Prefix, word))
	}
	f.Comment("Protect applies the manifest's route table to anonymous requests; paths outside it pass through.")
	if len(doc) > 0 {
		f.Comment("Routes: " + joinList(doc) + ".")
	}
	f.Comment("Use it inside Middleware.")
	table := jen.Nil()
	if len(routes) > 0 {
		table = jen.Index().Qual(betterauthPkg, "Route").ValuesFunc(func(gr *jen.Group) {
			for _, r := range routes {
				gr.Line().Add(r)
			}
			gr.Line()
		})
	}
	f.Add(recv().Id("Protect").Params(jen.Id("next").Add(handler)).Add(handler).Block(
		jen.Return(jen.Id("c").Dot("auth").Dot("Protect").Call(table).Call(jen.Id("next")))))
	f.Line()

	f.Comment(fmt.Sprintf("AuthHandler proxies Better Auth's endpoints; mount it at %s.", g.m.Auth.BasePath))
	f.Add(recv().Id("AuthHandler").Params().Add(handler).Block(jen.Return(jen.Id("c").Dot("auth").Dot("AuthHandler").Call())))
	f.Line()

	f.Comment("IsAuthenticated reports whether Middleware verified a session for the request of ctx.")
	f.Add(recv().Id("IsAuthenticated").Params(ctxParam()).Bool().Block(
		jen.Return(jen.Qual(betterauthPkg, "IsAuthenticated").Call(jen.Id("ctx")))))
	f.Line()

	f.Comment("Token returns the Convex JWT of the request of ctx, if it has one.")
	f.Add(recv().Id("Token").Params(ctxParam()).Params(jen.String(), jen.Bool()).Block(
		jen.Return(jen.Qual(betterauthPkg, "Token").Call(jen.Id("ctx")))))
	f.Line()
}

var fetchFuncs = map[manifest.Kind]string{
	manifest.Query:    "FetchAuthQuery",
	manifest.Mutation: "FetchAuthMutation",
	manifest.Action:   "FetchAuthAction",
}

// callArgs returns the parameters and call arguments for rf's args.
func callArgs(rf *resolvedFunc) (params []jen.Code, arg jen.Code) {
	params = []jen.Code{ctxParam()}
	if rf.noArgs {
		return params, jen.Struct().Values()
	}
	return append(params, jen.Id("args").Add(rf.args.code())), jen.Id("args")
}

func apiRef(rf *resolvedFunc) *jen.Statement {
	s := jen.Id("API")
	for _, seg := range apiSegments(rf.fn.Path) {
		s = s.Dot(seg)
	}
	return s
}

func (g *gen) emitCall(f *jen.File, rf *resolvedFunc) {
	params, arg := callArgs(rf)
	fetch := jen.Qual(betterauthPkg, fetchFuncs[rf.fn.Kind]).Call(jen.Id("ctx"), jen.Id("c").Dot("auth"), apiRef(rf), arg)
	retry := "retried once with a fresh token when the deployment answers 401"
	if rf.fn.Kind != manifest.Query {
		retry = "never retried"
	}
	f.Comment(fmt.Sprintf("%s calls the %s %s with the signed-in user's token (anonymous without one); %s.", rf.goName, rf.fn.Kind, rf.fn.Path, retry))
	if rf.noValue {
		f.Add(recv().Id(rf.goName).Params(params...).Error().Block(
			jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(fetch),
			jen.Return(jen.Err())))
	} else {
		f.Add(recv().Id(rf.goName).Params(params...).Params(rf.result.code(), jen.Error()).Block(jen.Return(fetch)))
	}
	f.Line()
}

func (g *gen) emitPreload(f *jen.File, rf *resolvedFunc) {
	params, arg := callArgs(rf)
	preload := jen.Qual(betterauthPkg, "PreloadAuthQuery").Call(jen.Id("ctx"), jen.Id("c").Dot("auth"), apiRef(rf), arg)
	name := "Preload" + rf.goName
	f.Comment(fmt.Sprintf("%s is %s plus the preloadQuery payload (_name, _argsJSON, _valueJSON) for hydrating a client.", name, rf.goName))
	if rf.noValue {
		f.Add(recv().Id(name).Params(params...).Params(jen.Qual(convexPkg, "Preloaded"), jen.Error()).Block(
			jen.List(jen.Id("_"), jen.Id("preloaded"), jen.Err()).Op(":=").Add(preload),
			jen.Return(jen.Id("preloaded"), jen.Err())))
	} else {
		f.Add(recv().Id(name).Params(params...).Params(rf.result.code(), jen.Qual(convexPkg, "Preloaded"), jen.Error()).Block(jen.Return(preload)))
	}
	f.Line()
}

// emitIterator renders <Name>All, which walks every page of a paginated query.
func (g *gen) emitIterator(f *jen.File, rf *resolvedFunc) {
	name := rf.goName + "All"
	item := rf.result.typeArgs[0]
	f.Comment(fmt.Sprintf("%s iterates over every item of the paginated query %s, page after page from", name, rf.fn.Path))
	f.Comment(fmt.Sprintf("args.%s.Cursor (nil: the start), following ContinueCursor until IsDone; NumItems 0 asks", rf.pageField))
	f.Comment("for betterauth.DefaultPageSize a page. A failed call or ctx ending is yielded as the error and ends it.")
	f.Add(recv().Id(name).Params(ctxParam(), jen.Id("args").Add(rf.args.code())).Qual("iter", "Seq2").Types(item.code(), jen.Error()).Block(
		jen.Return(jen.Qual(betterauthPkg, "PaginateAuthQuery").Call(jen.Id("ctx"), jen.Id("c").Dot("auth"), apiRef(rf), jen.Id("args"),
			jen.Func().Params(jen.Id("a").Op("*").Add(rf.args.code())).Op("*").Qual(convexPkg, "PaginationOpts").Block(
				jen.Return(jen.Op("&").Id("a").Dot(rf.pageField)))))))
	f.Line()
}

// emitCurrentUser renders CurrentUser and the error test it relies on.
func (g *gen) emitCurrentUser(f *jen.File, rf *resolvedFunc) {
	ret := rf.result
	value := jen.Id("user")
	ref := apiRef(rf)
	if rf.builtinUser {
		ret = goBetterAuthUser
		ref = jen.Qual(convexPkg, "NewQuery").Types(jen.Struct(), pointerTo(ret).code()).Call(jen.Lit(rf.fn.Path))
		ret = pointerTo(ret)
	} else if ret.kind != goPointer {
		ret, value = pointerTo(ret), jen.Op("&").Id("user")
	}
	f.Comment(fmt.Sprintf("CurrentUser returns the signed-in user from the query %s. It returns (nil, nil) when the", rf.fn.Path))
	f.Comment("request has no valid session, when the query returns null and when Convex answers")
	f.Comment("Unauthenticated; any other failure is an error.")
	f.Add(recv().Id("CurrentUser").Params(ctxParam()).Params(ret.code(), jen.Error()).Block(
		jen.If(jen.Op("!").Qual(betterauthPkg, "IsAuthenticated").Call(jen.Id("ctx"))).Block(jen.Return(jen.Nil(), jen.Nil())),
		jen.List(jen.Id("user"), jen.Err()).Op(":=").Qual(betterauthPkg, "FetchAuthQuery").Call(jen.Id("ctx"), jen.Id("c").Dot("auth"), ref, jen.Struct().Values()),
		jen.If(jen.Id("isUnauthenticated").Call(jen.Err())).Block(jen.Return(jen.Nil(), jen.Nil())),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(value, jen.Nil()),
	))
	f.Line()
	f.Comment("isUnauthenticated reports whether err means the caller has no valid session: the deployment")
	f.Comment(`rejected the token, or the function threw ConvexError("Unauthenticated") as Better Auth's getAuthUser does.`)
	f.Func().Id("isUnauthenticated").Params(jen.Err().Error()).Bool().Block(
		jen.If(jen.Qual("errors", "Is").Call(jen.Err(), jen.Qual(convexPkg, "ErrUnauthenticated"))).Block(jen.Return(jen.True())),
		jen.Var().Id("convexErr").Op("*").Qual(convexPkg, "ConvexError"),
		jen.If(jen.Op("!").Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("convexErr"))).Block(jen.Return(jen.False())),
		jen.List(jen.Id("data"), jen.Id("marshalErr")).Op(":=").Qual(convexPkg, "Marshal").Call(jen.Id("convexErr").Dot("Data")),
		jen.Return(jen.Id("marshalErr").Op("==").Nil().Op("&&").String().Call(jen.Id("data")).Op("==").Lit(`"Unauthenticated"`)),
	)
}

func joinList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	out := items[0]
	for _, s := range items[1 : len(items)-1] {
		out += ", " + s
	}
	return out + " and " + items[len(items)-1]
}

// routeRequirement is the betterauth.Requirement literal of a route's
// require rule, or nil when it has none.
func routeRequirement(r manifest.Route) jen.Code {
	if len(r.Roles) == 0 && r.Rule == "" {
		return nil
	}
	d := jen.Dict{}
	if len(r.Roles) > 0 {
		roles := make([]jen.Code, len(r.Roles))
		for i, role := range r.Roles {
			roles[i] = jen.Lit(role)
		}
		d[jen.Id("Roles")] = jen.Index().String().Values(roles...)
	}
	if r.Rule != "" {
		d[jen.Id("Rule")] = jen.Lit(r.Rule)
	}
	return jen.Qual(betterauthPkg, "Requirement").Values(d)
}

// requirementDoc describes a route's require rule for the Protect comment.
func requirementDoc(r manifest.Route) string {
	var parts []string
	if len(r.Roles) > 0 {
		parts = append(parts, "role "+strings.Join(r.Roles, " or "))
	}
	if r.Rule != "" {
		parts = append(parts, "rule "+r.Rule+" (betterauth.WithRule)")
	}
	return strings.Join(parts, " and ")
}
