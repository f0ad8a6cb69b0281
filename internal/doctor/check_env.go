package doctor

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

const (
	cloudSuffix = ".convex.cloud"
	siteSuffix  = ".convex.site"
)

// parseOrigin accepts an absolute http(s) URL and reports what is wrong
// with it otherwise.
func parseOrigin(raw string) (*url.URL, string) {
	if strings.TrimSpace(raw) != raw {
		return nil, "has surrounding whitespace"
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, "is not an absolute http(s) URL"
	}
	if host := u.Hostname(); u.Scheme == "http" && (strings.HasSuffix(host, cloudSuffix) || strings.HasSuffix(host, siteSuffix)) {
		return nil, "uses http, but Convex cloud deployments are served over https only"
	}
	return u, ""
}

func (d *doctor) checkConvexURL(context.Context) Result {
	name := d.cfg.ConvexURLEnv
	raw, source, set := d.env.get(name)
	if !set || raw == "" {
		return fail(name+" is not set.",
			fmt.Sprintf("Set %s to the deployment URL (https://<name>.convex.cloud); `npx convex dev` writes it to .env.local.", name))
	}
	u, problem := parseOrigin(raw)
	if u == nil {
		return fail(fmt.Sprintf("%s=%q (%s) %s.", name, raw, source, problem),
			fmt.Sprintf("Set %s to the deployment URL, e.g. https://happy-otter-123.convex.cloud.", name))
	}
	if strings.HasSuffix(u.Hostname(), siteSuffix) {
		return fail(fmt.Sprintf("%s=%q (%s) is a site URL: Convex functions are called on .convex.cloud.", name, raw, source),
			fmt.Sprintf("Set %s to the same deployment with .convex.cloud, and keep the .convex.site URL in %s.", name, d.cfg.SiteURLEnv))
	}
	if strings.Trim(u.Path, "/") != "" || u.RawQuery != "" {
		return fail(fmt.Sprintf("%s=%q (%s) has a path; the deployment URL is an origin.", name, raw, source),
			fmt.Sprintf("Remove the path: %s=%s://%s", name, u.Scheme, u.Host))
	}
	d.convexURL = strings.TrimRight(raw, "/")
	if u.Path == "/" {
		return warn(fmt.Sprintf("%s=%q (%s) ends in a slash.", name, raw, source),
			fmt.Sprintf("Drop the trailing slash: %s=%s", name, d.convexURL))
	}
	return ok(fmt.Sprintf("%s=%q (%s)", name, raw, source))
}

func (d *doctor) checkSiteURL(context.Context) Result {
	if v, _, set := d.env.get("SITE_URL"); set {
		d.appURL = v
	}
	name := d.cfg.SiteURLEnv
	raw, source, set := d.env.get(name)
	if !set || raw == "" {
		return fail(name+" is not set: the server cannot reach Better Auth or check token issuers.",
			fmt.Sprintf("Set %s to the deployment's HTTP Actions URL (https://<name>.convex.site, shown in the Convex dashboard under Settings → URL & Deploy Key). Convex sets it inside the backend, but your server needs it too.", name))
	}
	u, problem := parseOrigin(raw)
	if u == nil {
		return fail(fmt.Sprintf("%s=%q (%s) %s.", name, raw, source, problem),
			fmt.Sprintf("Set %s to https://<name>.convex.site.", name))
	}
	if strings.HasSuffix(u.Hostname(), cloudSuffix) {
		site := strings.TrimSuffix(u.Hostname(), cloudSuffix) + siteSuffix
		return fail(fmt.Sprintf("%s=%q (%s) is the .convex.cloud deployment URL; Better Auth and the token issuer live on .convex.site.", name, raw, source),
			fmt.Sprintf("Set %s=%s://%s", name, u.Scheme, site))
	}
	if strings.Trim(u.Path, "/") != "" || u.RawQuery != "" {
		return fail(fmt.Sprintf("%s=%q (%s) has a path; the base path %q is added separately.", name, raw, source, d.cfg.BasePath),
			fmt.Sprintf("Set %s=%s://%s and keep the path in auth.base_path.", name, u.Scheme, u.Host))
	}
	d.siteURL = raw
	if u.Path == "/" {
		return fail(fmt.Sprintf("%s=%q (%s) ends in a slash, so it never equals a token's issuer byte for byte.", name, raw, source),
			fmt.Sprintf("Drop the trailing slash: %s=%s", name, strings.TrimRight(raw, "/")))
	}
	return ok(fmt.Sprintf("%s=%q (%s)", name, raw, source))
}

func (d *doctor) checkTwins(context.Context) Result {
	if d.convexURL == "" || d.siteURL == "" {
		return skip("needs both a valid deployment URL and a valid site URL")
	}
	cloud, _ := url.Parse(d.convexURL)
	site, _ := url.Parse(d.siteURL)
	cloudHost, siteHost := cloud.Hostname(), site.Hostname()
	if strings.HasSuffix(cloudHost, cloudSuffix) || strings.HasSuffix(siteHost, siteSuffix) {
		want := strings.TrimSuffix(cloudHost, cloudSuffix) + siteSuffix
		if siteHost != want {
			return fail(fmt.Sprintf("%s host %q and %s host %q name different deployments.", d.cfg.ConvexURLEnv, cloudHost, d.cfg.SiteURLEnv, siteHost),
				fmt.Sprintf("Use the same deployment for both: %s=%s://%s", d.cfg.SiteURLEnv, site.Scheme, want))
		}
		return ok(fmt.Sprintf("%s and %s name the same deployment.", cloudHost, siteHost))
	}
	// Self-hosted: by default the site is served on the API port + 1.
	cloudPort, siteP := portOf(cloud), portOf(site)
	if cloudHost == siteHost && cloudPort > 0 && siteP == cloudPort+1 {
		return ok(fmt.Sprintf("self-hosted: site port %d is deployment port %d + 1.", siteP, cloudPort))
	}
	return warn(fmt.Sprintf("self-hosted or proxied: cannot tell whether %q and %q belong to one backend (the default layout is the same host with the site on port N+1).", d.convexURL, d.siteURL),
		"Make sure CONVEX_CLOUD_ORIGIN and CONVEX_SITE_ORIGIN on the backend are these two public URLs.")
}

func portOf(u *url.URL) int {
	if p := u.Port(); p != "" {
		n, _ := strconv.Atoi(p)
		return n
	}
	if u.Scheme == "https" {
		return 443
	}
	return 80
}
