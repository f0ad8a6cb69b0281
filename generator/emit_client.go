package generator

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/internal/manifest"
)

// emitClient renders Client, its constructors and one typed method per
// function. The behaviour behind them (constructing the runtime, the
// middleware, the current-user fetch) lives in betterauth, which the
// package hands its manifest settings as data.
func (g *gen) emitClient() *jen.File {
	f := g.newFile()
	f.Comment("Generated code needs a betterauth runtime that supports this generator's API:")
	f.Comment("a mismatch fails to compile here rather than misbehave at run time.")
	f.Const().Id("_").Op("=").Qual(betterauthPkg, "SupportPackageIsVersion2")
	f.Line()

	f.Comment("Client calls the deployment's functions on behalf of each request's signed-in user:")
	f.Comment("with the request's Convex JWT, anonymous without one. A query is retried once with a")
	f.Comment("fresh token when the deployment answers 401; mutations and actions are never retried.")
	f.Comment("Create one at startup with New or NewFromEnv and share it; it is safe for concurrent use.")
	f.Comment("Middleware, RequireAuth, Protect, AuthHandler, IsAuthenticated, Token and Auth come from")
	f.Comment("the embedded betterauth.ClientBase.")
	f.Type().Id("Client").Struct(jen.Qual(betterauthPkg, "ClientBase"))
	f.Line()

	g.emitSettings(f)

	f.Comment("New validates cfg and returns a Client; the error lists every configuration problem with its fix.")
	f.Func().Id("New").Params(jen.Id("cfg").Qual(betterauthPkg, "Config"), jen.Id("opts").Op("...").Qual(betterauthPkg, "Option")).
		Params(jen.Op("*").Id("Client"), jen.Error()).Block(
		jen.Return(jen.Id("newClient").Call(jen.Qual(betterauthPkg, "NewClientBase").Call(jen.Op("&").Id("settings"), jen.Id("cfg"), jen.Id("opts").Op("...")))))
	f.Line()

	m := g.m
	envDoc := fmt.Sprintf("%s and %s", m.Auth.ConvexURLEnv, m.Auth.SiteURLEnv)
	if m.Auth.JWKSEnv != "" {
		envDoc = fmt.Sprintf("%s, %s and %s (a static JWKS)", m.Auth.ConvexURLEnv, m.Auth.SiteURLEnv, m.Auth.JWKSEnv)
	}
	f.Comment(fmt.Sprintf("NewFromEnv reads the deployment from %s, applies the manifest's", envDoc))
	f.Comment("auth settings and calls New, so a misconfigured server fails at startup.")
	f.Func().Id("NewFromEnv").Params(jen.Id("opts").Op("...").Qual(betterauthPkg, "Option")).Params(jen.Op("*").Id("Client"), jen.Error()).Block(
		jen.Return(jen.Id("newClient").Call(jen.Qual(betterauthPkg, "NewClientBaseFromEnv").Call(jen.Op("&").Id("settings"), jen.Id("opts").Op("...")))))
	f.Line()

	f.Func().Id("newClient").Params(jen.Id("base").Qual(betterauthPkg, "ClientBase"), jen.Err().Error()).Params(jen.Op("*").Id("Client"), jen.Error()).Block(
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Op("&").Id("Client").Values(jen.Id("base")), jen.Nil()),
	)
	f.Line()

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

// auth is the client's *betterauth.Auth, as the generated methods pass it on.
func auth() *jen.Statement { return jen.Id("c").Dot("Auth").Call() }

// emitSettings renders the manifest's auth settings and route table as the
// betterauth.Settings value the constructors hand the runtime.
func (g *gen) emitSettings(f *jen.File) {
	m := g.m
	env := jen.Dict{jen.Id("ConvexURL"): jen.Lit(m.Auth.ConvexURLEnv), jen.Id("SiteURL"): jen.Lit(m.Auth.SiteURLEnv)}
	if m.Auth.JWKSEnv != "" {
		env[jen.Id("JWKS")] = jen.Lit(m.Auth.JWKSEnv)
	}
	routes := make([]jen.Code, len(m.Routes))
	var doc []string
	for i, r := range m.Routes {
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
	values := jen.Dict{
		jen.Id("Env"):          jen.Qual(betterauthPkg, "EnvNames").Values(env),
		jen.Id("BasePath"):     jen.Lit(m.Auth.BasePath),
		jen.Id("CookiePrefix"): jen.Lit(m.Auth.CookiePrefix),
		jen.Id("SignInPath"):   jen.Lit(m.Auth.SignInPath),
	}
	if len(routes) > 0 {
		values[jen.Id("Routes")] = jen.Index().Qual(betterauthPkg, "Route").ValuesFunc(func(gr *jen.Group) {
			for _, r := range routes {
				gr.Line().Add(r)
			}
			gr.Line()
		})
	}
	f.Comment("settings are the manifest's auth settings and the route table Client.Protect applies")
	if len(doc) > 0 {
		f.Comment("to anonymous requests: " + joinList(doc) + ".")
	} else {
		f.Comment("(empty: Protect lets every request through).")
	}
	f.Var().Id("settings").Op("=").Qual(betterauthPkg, "Settings").Values(values)
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
	fetch := jen.Qual(betterauthPkg, fetchFuncs[rf.fn.Kind]).Call(jen.Id("ctx"), auth(), apiRef(rf), arg)
	f.Comment(fmt.Sprintf("%s calls the %s %s.", rf.goName, rf.fn.Kind, rf.fn.Path))
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
	preload := jen.Qual(betterauthPkg, "PreloadAuthQuery").Call(jen.Id("ctx"), auth(), apiRef(rf), arg)
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
		jen.Return(jen.Qual(betterauthPkg, "PaginateAuthQuery").Call(jen.Id("ctx"), auth(), apiRef(rf), jen.Id("args"),
			jen.Func().Params(jen.Id("a").Op("*").Add(rf.args.code())).Op("*").Qual(convexPkg, "PaginationOpts").Block(
				jen.Return(jen.Op("&").Id("a").Dot(rf.pageField)))))))
	f.Line()
}

// emitCurrentUser renders CurrentUser over betterauth.FetchCurrentUser,
// which wants a query whose result is a pointer: the API ref when the
// query's result is T | null, else a ref to the same query decoding into *T.
func (g *gen) emitCurrentUser(f *jen.File, rf *resolvedFunc) {
	user := rf.result
	ref := apiRef(rf)
	switch {
	case rf.builtinUser:
		user = goBetterAuthUser
		ref = jen.Qual(convexPkg, "NewQuery").Types(jen.Struct(), pointerTo(user).code()).Call(jen.Lit(rf.fn.Path))
	case user.kind == goPointer:
		user = user.elem
	default:
		ref = jen.Qual(convexPkg, "NewQuery").Types(jen.Struct(), pointerTo(user).code()).Call(jen.Lit(rf.fn.Path))
	}
	f.Comment(fmt.Sprintf("CurrentUser returns the signed-in user from the query %s. It returns (nil, nil) when the", rf.fn.Path))
	f.Comment("request has no valid session, when the query returns null and when Convex answers")
	f.Comment("Unauthenticated; any other failure is an error.")
	f.Add(recv().Id("CurrentUser").Params(ctxParam()).Params(pointerTo(user).code(), jen.Error()).Block(
		jen.Return(jen.Qual(betterauthPkg, "FetchCurrentUser").Call(jen.Id("ctx"), auth(), ref))))
	f.Line()
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
