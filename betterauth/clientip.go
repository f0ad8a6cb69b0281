package betterauth

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// parseTrustedProxies parses Config.TrustedProxies.
func parseTrustedProxies(entries []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, e := range entries {
		e = strings.TrimSpace(e)
		if p, err := netip.ParsePrefix(e); err == nil {
			out = append(out, p.Masked())
			continue
		}
		addr, err := netip.ParseAddr(e)
		if err != nil {
			return nil, fmt.Errorf("betterauth: TrustedProxies entry %q is neither an IP address nor a CIDR range (e.g. 10.0.0.0/8)", e)
		}
		out = append(out, netip.PrefixFrom(addr.Unmap(), addr.Unmap().BitLen()))
	}
	return out, nil
}

// clientIP is the address of the client behind r, as one IP for Better
// Auth's rate limiter (which, since better-auth 1.6.21, ignores an
// X-Forwarded-For holding several addresses, and puts requests without a
// usable one into one shared bucket per path): the connection's peer; when
// that peer is a trusted proxy, the rightmost X-Forwarded-For entry that is
// not a trusted proxy. Empty when RemoteAddr holds no IP (a test calling the
// handler directly).
func (a *Auth) clientIP(r *http.Request) netip.Addr {
	peer, ok := parseAddr(r.RemoteAddr)
	if !ok {
		return netip.Addr{}
	}
	if !a.isTrustedProxy(peer) {
		return peer
	}
	var hops []string
	for _, line := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(line, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		addr, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return peer // a malformed chain is not believed
		}
		addr = addr.Unmap()
		if !a.isTrustedProxy(addr) {
			return addr
		}
	}
	return peer
}

func (a *Auth) isTrustedProxy(addr netip.Addr) bool {
	for _, p := range a.trustedProxies {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// parseAddr reads the IP of a host:port (or bare IP) RemoteAddr.
func parseAddr(remote string) (netip.Addr, bool) {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, false
	}
	return addr.Unmap(), true
}
